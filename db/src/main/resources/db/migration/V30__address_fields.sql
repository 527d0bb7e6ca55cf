-- Leads get a street and a birth date of their own, and identifiers their keys. Address values that sources sent as custom fields
-- (street, postalCode or postcode, birthDate, city, state, country) move into their column where that is
-- empty and the value fits it; anything else stays a custom field as it was. A birth date moves only when it
-- is a calendar date written yyyy-MM-dd from the year 1000 (what the API accepts).
ALTER TABLE sales_lead ADD COLUMN street VARCHAR(255) NULL;
ALTER TABLE sales_lead ADD COLUMN birth_date DATE NULL;

-- The identifier fields (duplicates.identifiers) whose keys every stored lead has: a field configured
-- later gets its keys written for the leads stored before (at start), then is listed here.
CREATE TABLE match_key_identifier (
  identifier_field VARCHAR(110) NOT NULL,
  PRIMARY KEY (identifier_field)
);

-- Assignments run left to right: the columns first, then custom_fields loses each key whose value its
-- column now holds (a key to remove that is not there, '$.none', changes nothing). A birth date's month
-- and day are checked by arithmetic (the last day of that month), so no string is ever read as a date
-- that is not one.
/* [jooq ignore start] */
UPDATE sales_lead
   SET street      = COALESCE(NULLIF(street, ''),
                              IF(CHAR_LENGTH(JSON_VALUE(custom_fields, '$.street')) BETWEEN 1 AND 255, JSON_VALUE(custom_fields, '$.street'), NULL), street),
       postal_code = COALESCE(NULLIF(postal_code, ''),
                              IF(CHAR_LENGTH(JSON_VALUE(custom_fields, '$.postalCode')) BETWEEN 1 AND 20, JSON_VALUE(custom_fields, '$.postalCode'), NULL),
                              IF(CHAR_LENGTH(JSON_VALUE(custom_fields, '$.postcode')) BETWEEN 1 AND 20, JSON_VALUE(custom_fields, '$.postcode'), NULL),
                              postal_code),
       city        = COALESCE(NULLIF(city, ''),
                              IF(CHAR_LENGTH(JSON_VALUE(custom_fields, '$.city')) BETWEEN 1 AND 100, JSON_VALUE(custom_fields, '$.city'), NULL), city),
       state       = COALESCE(NULLIF(state, ''),
                              IF(CHAR_LENGTH(JSON_VALUE(custom_fields, '$.state')) BETWEEN 1 AND 100, JSON_VALUE(custom_fields, '$.state'), NULL), state),
       country     = COALESCE(NULLIF(country, ''),
                              IF(CHAR_LENGTH(JSON_VALUE(custom_fields, '$.country')) BETWEEN 1 AND 100, JSON_VALUE(custom_fields, '$.country'), NULL),
                              country),
       birth_date  = IF(JSON_VALUE(custom_fields, '$.birthDate') REGEXP '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
                        AND CAST(RIGHT(JSON_VALUE(custom_fields, '$.birthDate'), 2) AS UNSIGNED)
                            <= DAYOFMONTH(LAST_DAY(CONCAT(LEFT(JSON_VALUE(custom_fields, '$.birthDate'), 8), '01'))),
                        JSON_VALUE(custom_fields, '$.birthDate'), NULL),
       custom_fields = JSON_REMOVE(custom_fields,
                              IF(BINARY street <=> BINARY JSON_VALUE(custom_fields, '$.street'), '$.street', '$.none'),
                              IF(BINARY postal_code <=> BINARY JSON_VALUE(custom_fields, '$.postalCode'), '$.postalCode', '$.none'),
                              IF(BINARY postal_code <=> BINARY JSON_VALUE(custom_fields, '$.postcode'), '$.postcode', '$.none'),
                              IF(BINARY city <=> BINARY JSON_VALUE(custom_fields, '$.city'), '$.city', '$.none'),
                              IF(BINARY state <=> BINARY JSON_VALUE(custom_fields, '$.state'), '$.state', '$.none'),
                              IF(BINARY country <=> BINARY JSON_VALUE(custom_fields, '$.country'), '$.country', '$.none'),
                              IF(CAST(birth_date AS CHAR) <=> JSON_VALUE(custom_fields, '$.birthDate'), '$.birthDate', '$.none'))
 WHERE JSON_VALID(custom_fields)
   AND JSON_CONTAINS_PATH(custom_fields, 'one', '$.street', '$.postalCode', '$.postcode', '$.city', '$.state', '$.country', '$.birthDate');
/* [jooq ignore stop] */
