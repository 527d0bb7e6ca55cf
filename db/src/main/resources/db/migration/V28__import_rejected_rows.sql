-- A rejected row keeps its values, and a job the header of its file, so that the rows an import
-- rejected can be downloaded as a CSV file to be mended and imported again. Both are JSON lists of
-- strings; jobs and rejections stored before have neither.
ALTER TABLE import_job ADD COLUMN header LONGTEXT NULL;
ALTER TABLE import_rejection ADD COLUMN row_values LONGTEXT NULL;
