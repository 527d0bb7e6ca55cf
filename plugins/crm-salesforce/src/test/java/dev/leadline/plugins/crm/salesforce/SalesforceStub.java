package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for a Salesforce org: the OAuth 2.0 token endpoint of the JWT bearer flow ({@code POST
 * /services/oauth2/token}, answering {@code access_token}, {@code scope}, {@code instance_url}, {@code id},
 * {@code token_type}, or {@code {error, error_description}}: Salesforce Help, "OAuth 2.0 JWT Bearer Flow for
 * Server-to-Server Integration") and the REST API v60.0 resources the connector uses, in the shapes of the REST API
 * Developer Guide: sObject create ({@code 201 {id, success, errors}}) and update ({@code 204}), {@code query}
 * ({@code {totalSize, done, records: [{attributes, ...}]}}) for the SOQL the connector sends, {@code composite}
 * ({@code allOrNone}, {@code @{ref.id}} references, {@code compositeResponse} with {@code PROCESSING_HALTED} for the
 * rolled-back subrequests); errors as {@code [{message, errorCode, fields}]} ("Status Codes and Error Responses"), a
 * revoked or expired session as 401 {@code INVALID_SESSION_ID}. It records every request and keeps records in memory.
 */
final class SalesforceStub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DATA = "/services/data/v60.0";
    static final String API_USER = "005Dn000001IntgAAA";
    private static final DateTimeFormatter SF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final Map<String, String> PREFIXES = Map.of("Lead", "00Q", "Account", "001", "Contact", "003", "Opportunity", "006",
            "Task", "00T", "Event", "00U", "OpportunityContactRole", "00K");

    /** The standard Opportunity stages (a restricted picklist). */
    static final Set<String> STAGES = Set.of("Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
            "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost");

    record Seen(String method, String path, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    record Canned(String pathPrefix, int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, ObjectNode>> records = new ConcurrentHashMap<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger grants = new AtomicInteger();
    private volatile Instant now = Instant.parse("2026-12-01T09:00:00Z");
    private volatile String refuseGrant;

    SalesforceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        users.put("005Dn000000OmarAAA", "omar@leadline.example");
        users.put("005Dn000000AnaXAAA", "ana@leadline.example");
        users.put("005Dn000000OBriAAA", "o'brien@leadline.example");
        users.put(API_USER, "integration@leadline.example");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void now(Instant instant) {
        now = instant;
    }

    /** Every session issued so far stops working, as when one times out or is revoked. */
    void expireSessions() {
        validTokens.clear();
    }

    /** The token endpoint answers {@code invalid_grant} with this description (null: it grants). */
    void refuseGrants(String description) {
        refuseGrant = description;
    }

    int grants() {
        return grants.get();
    }

    void answerNext(String pathPrefix, int status, Map<String, String> headers, String body) {
        canned.add(new Canned(pathPrefix, status, headers, body));
    }

    static String errors(String errorCode, String message, String... fields) {
        ArrayNode body = JSON.createArrayNode();
        ObjectNode error = body.addObject().put("message", message).put("errorCode", errorCode);
        ArrayNode list = error.putArray("fields");
        for (String field : fields) {
            list.add(field);
        }
        return body.toString();
    }

    Map<String, ObjectNode> records(String type) {
        return records.computeIfAbsent(type, t -> new LinkedHashMap<>());
    }

    /** A Lead as if made in Salesforce, last modified at {@code modified}. */
    synchronized String lead(String email, String ownerId, String status, Instant modified) {
        ObjectNode lead = JSON.createObjectNode().put("Email", email).put("LastName", "Doe").put("Company", "Acme").put("OwnerId", ownerId)
                .put("Status", status).put("IsConverted", false);
        String id = store("Lead", lead);
        lead.put("LastModifiedDate", SF_TIME.format(modified));
        return id;
    }

    /** A change made in Salesforce's UI. */
    synchronized void edit(String type, String id, String field, String value, Instant modified) {
        records(type).get(id).put(field, value).put("LastModifiedDate", SF_TIME.format(modified));
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String method, String pathPrefix) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).toList();
    }

    /** The SOQL statements the stub was sent, in order. */
    List<String> queries() {
        return seen.stream().filter(s -> s.path().startsWith(DATA + "/query?q=")).map(s -> s.path().substring((DATA + "/query?q=").length())).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String decoded = query == null ? path : path + "?" + URLDecoder.decode(query, StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), decoded, headers, body));
            if (path.equals("/services/oauth2/token")) {
                token(exchange, body);
                return;
            }
            String token = headers.getOrDefault("authorization", "").replaceFirst("^Bearer ", "");
            if (!validTokens.contains(token)) {
                send(exchange, 401, Map.of(), errors("INVALID_SESSION_ID", "Session expired or invalid").replace(",\"fields\":[]", ""));
                return;
            }
            Canned next = canned.peek();
            if (next != null && decoded.startsWith(next.pathPrefix()) && canned.remove(next)) {
                send(exchange, next.status(), next.headers(), next.body());
                return;
            }
            synchronized (this) {
                Answer answer = route(exchange.getRequestMethod(), decoded, body.isBlank() ? null : JSON.readTree(body));
                send(exchange, answer.status(), Map.of(), answer.body());
            }
        }
    }

    private void token(HttpExchange exchange, String form) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(fields.get("grant_type")) || fields.get("assertion") == null) {
            send(exchange, 400, Map.of(), "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not supported\"}");
            return;
        }
        if (refuseGrant != null) {
            send(exchange, 400, Map.of(), JSON.createObjectNode().put("error", "invalid_grant").put("error_description", refuseGrant).toString());
            return;
        }
        String token = "00DDn00000A1b2C!AQ0AQ" + "Fz.session-" + grants.incrementAndGet();
        validTokens.add(token);
        send(exchange, 200, Map.of(), JSON.createObjectNode().put("access_token", token).put("scope", "api").put("instance_url", url())
                .put("id", url() + "/id/00DDn00000A1b2CMAR/" + API_USER).put("token_type", "Bearer").toString());
    }

    record Answer(int status, String body) {}

    private Answer route(String method, String path, JsonNode body) {
        if (path.startsWith(DATA + "/query?q=")) {
            return query(path.substring((DATA + "/query?q=").length()));
        }
        if (path.equals(DATA + "/composite") && method.equals("POST")) {
            return composite(body);
        }
        Matcher sobject = Pattern.compile(Pattern.quote(DATA) + "/sobjects/(\\w+)(?:/(\\w+))?").matcher(path);
        if (!sobject.matches()) {
            return new Answer(404, errors("NOT_FOUND", "The requested resource does not exist"));
        }
        return write(method, sobject.group(1), sobject.group(2), body);
    }

    private Answer write(String method, String type, String id, JsonNode body) {
        if (id == null && method.equals("POST")) {
            if (type.equals("Lead") && (!body.hasNonNull("LastName") || !body.hasNonNull("Company"))) {
                return new Answer(400, errors("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName, Company]", "LastName", "Company"));
            }
            if (type.equals("Opportunity") && !STAGES.contains(body.path("StageName").asText())) {
                return new Answer(400, errors("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Stage: bad value for restricted picklist field: "
                        + body.path("StageName").asText(), "StageName"));
            }
            ObjectNode fields = ((ObjectNode) body).deepCopy();
            if (!fields.has("OwnerId")) {
                fields.put("OwnerId", API_USER);
            }
            if (type.equals("Lead")) {
                fields.put("IsConverted", false);
            }
            String created = store(type, fields);
            return new Answer(201, JSON.createObjectNode().put("id", created).put("success", true).set("errors", JSON.createArrayNode()).toString());
        }
        if (id != null && method.equals("PATCH")) {
            ObjectNode record = records(type).get(id);
            if (record == null) {
                return new Answer(404, errors("NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id));
            }
            record.setAll((ObjectNode) body);
            record.put("LastModifiedDate", SF_TIME.format(now));
            return new Answer(204, "");
        }
        return new Answer(405, errors("METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed"));
    }

    private String store(String type, ObjectNode fields) {
        String id = PREFIXES.get(type) + "Dn" + String.format("%010d", ids.incrementAndGet()) + "AAA";
        fields.put("Id", id).put("CreatedDate", SF_TIME.format(now)).put("LastModifiedDate", SF_TIME.format(now));
        records(type).put(id, fields);
        return id;
    }

    /** allOrNone: subrequests in order, {@code @{ref.id}} replaced; on a failure every record made is removed again. */
    private Answer composite(JsonNode body) {
        ArrayNode responses = JSON.createArrayNode();
        Map<String, String> made = new LinkedHashMap<>();
        boolean failed = false;
        for (JsonNode request : body.path("compositeRequest")) {
            String referenceId = request.path("referenceId").asText();
            if (failed) {
                responses.addObject().put("httpStatusCode", 400).put("referenceId", referenceId).set("body",
                        JSON.valueToTree(List.of(Map.of("errorCode", "PROCESSING_HALTED",
                                "message", "The transaction was rolled back since another operation in the same transaction failed."))));
                continue;
            }
            String text = request.path("body").toString();
            for (Map.Entry<String, String> ref : made.entrySet()) {
                text = text.replace("@{" + ref.getKey() + ".id}", ref.getValue());
            }
            Answer answer;
            try {
                answer = route(request.path("method").asText(), request.path("url").asText(), JSON.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ObjectNode response = responses.addObject();
            response.set("body", answer.body().isEmpty() ? null : parse(answer.body()));
            response.putObject("httpHeaders");
            response.put("httpStatusCode", answer.status()).put("referenceId", referenceId);
            if (answer.status() / 100 == 2) {
                made.put(referenceId, parse(answer.body()).path("id").asText());
            } else {
                failed = true;
            }
        }
        if (failed) {
            made.values().forEach(id -> records.values().forEach(map -> map.remove(id)));
            for (JsonNode response : responses) {
                if (response.path("httpStatusCode").asInt() / 100 == 2) {
                    ((ObjectNode) response).put("httpStatusCode", 400).set("body", JSON.valueToTree(List.of(Map.of("errorCode", "PROCESSING_HALTED",
                            "message", "The transaction was rolled back since another operation in the same transaction failed."))));
                }
            }
        }
        return new Answer(200, JSON.createObjectNode().set("compositeResponse", responses).toString());
    }

    private static final String LITERAL = "'((?:[^'\\\\]|\\\\.)*)'";
    private static final String DATETIME = "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)";

    /** The SOQL statements the connector sends, and nothing else (a MALFORMED_QUERY for anything it does not know). */
    private Answer query(String soql) {
        Matcher m;
        if ((m = match("SELECT Id FROM User WHERE Email = " + LITERAL + " AND IsActive = true LIMIT 1", soql)) != null) {
            String email = unescape(m.group(1));
            List<ObjectNode> found = new ArrayList<>();
            users.forEach((id, address) -> {
                if (address.equalsIgnoreCase(email)) {
                    found.add(JSON.createObjectNode().put("Id", id));
                }
            });
            return result("User", found);
        }
        String lead = "SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate, IsConverted FROM Lead WHERE ";
        if ((m = match(Pattern.quote(lead) + "Id = " + LITERAL + " LIMIT 1", soql)) != null) {
            String id = unescape(m.group(1));
            return result("Lead", select("Lead", r -> r.path("Id").asText().equals(id), null, 1));
        }
        if ((m = match(Pattern.quote(lead) + "Email = " + LITERAL + " AND IsConverted = false ORDER BY CreatedDate LIMIT 1", soql)) != null) {
            String email = unescape(m.group(1));
            return result("Lead", select("Lead", r -> r.path("Email").asText().equalsIgnoreCase(email) && !r.path("IsConverted").asBoolean(),
                    Comparator.comparing(r -> r.path("CreatedDate").asText()), 1));
        }
        String changes = Pattern.quote("SELECT Id, OwnerId, Owner.Email, Status, LastModifiedDate FROM Lead WHERE ");
        String order = Pattern.quote(" ORDER BY LastModifiedDate, Id LIMIT ") + "(\\d+)";
        Comparator<ObjectNode> byTimeAndId = Comparator.<ObjectNode, Instant>comparing(r -> time(r.path("LastModifiedDate").asText()))
                .thenComparing(r -> r.path("Id").asText());
        if ((m = match(changes + "LastModifiedDate > " + DATETIME + order, soql)) != null) {
            Instant since = Instant.parse(m.group(1));
            return result("Lead", select("Lead", r -> time(r.path("LastModifiedDate").asText()).isAfter(since), byTimeAndId, Integer.parseInt(m.group(2))));
        }
        if ((m = match(changes + Pattern.quote("(LastModifiedDate > ") + DATETIME + Pattern.quote(" OR (LastModifiedDate = ") + DATETIME
                + " AND Id > " + LITERAL + "\\)\\)" + order, soql)) != null) {
            Instant since = Instant.parse(m.group(1));
            String after = unescape(m.group(3));
            Predicate<ObjectNode> newer = r -> time(r.path("LastModifiedDate").asText()).isAfter(since)
                    || time(r.path("LastModifiedDate").asText()).equals(since) && r.path("Id").asText().compareTo(after) > 0;
            return result("Lead", select("Lead", newer, byTimeAndId, Integer.parseInt(m.group(4))));
        }
        if ((m = match("SELECT Id FROM Task WHERE CallObject = " + LITERAL + " LIMIT 1", soql)) != null) {
            String id = unescape(m.group(1));
            return result("Task", select("Task", r -> r.path("CallObject").asText().equals(id), null, 1));
        }
        if ((m = match("SELECT Id FROM Event WHERE WhoId = " + LITERAL + " AND StartDateTime = " + DATETIME + " AND Subject = " + LITERAL + " LIMIT 1",
                soql)) != null) {
            String who = unescape(m.group(1));
            Instant start = Instant.parse(m.group(2));
            String subject = unescape(m.group(3));
            return result("Event", select("Event", r -> r.path("WhoId").asText().equals(who) && Instant.parse(r.path("StartDateTime").asText()).equals(start)
                    && r.path("Subject").asText().equals(subject), null, 1));
        }
        if ((m = match("SELECT Id, AccountId FROM Contact WHERE Email = " + LITERAL + " ORDER BY CreatedDate DESC LIMIT 1", soql)) != null) {
            String email = unescape(m.group(1));
            return result("Contact", select("Contact", r -> r.path("Email").asText().equalsIgnoreCase(email), null, 1));
        }
        if ((m = match("SELECT Id FROM Opportunity WHERE AccountId = " + LITERAL + " AND Name = " + LITERAL + " LIMIT 1", soql)) != null) {
            String account = unescape(m.group(1));
            String name = unescape(m.group(2));
            return result("Opportunity", select("Opportunity", r -> r.path("AccountId").asText().equals(account) && r.path("Name").asText().equals(name), null, 1));
        }
        return new Answer(400, errors("MALFORMED_QUERY", "unexpected token: the stub does not know " + soql));
    }

    private List<ObjectNode> select(String type, Predicate<ObjectNode> where, Comparator<ObjectNode> order, int limit) {
        List<ObjectNode> found = new ArrayList<>(records(type).values().stream().filter(where).toList());
        if (order != null) {
            found.sort(order);
        }
        return found.subList(0, Math.min(limit, found.size()));
    }

    private Answer result(String type, List<ObjectNode> found) {
        ObjectNode answer = JSON.createObjectNode().put("totalSize", found.size()).put("done", true);
        ArrayNode list = answer.putArray("records");
        for (ObjectNode record : found) {
            ObjectNode out = list.addObject();
            out.putObject("attributes").put("type", type).put("url", DATA + "/sobjects/" + type + "/" + record.path("Id").asText());
            out.setAll(record.deepCopy());
            if (record.has("OwnerId")) {
                String email = users.get(record.path("OwnerId").asText());
                ObjectNode owner = out.putObject("Owner");
                owner.putObject("attributes").put("type", "Name").put("url", DATA + "/sobjects/User/" + record.path("OwnerId").asText());
                owner.put("Email", email);
            }
        }
        return new Answer(200, answer.toString());
    }

    private static Matcher match(String regex, String soql) {
        Matcher m = Pattern.compile(regex).matcher(soql);
        return m.matches() ? m : null;
    }

    private static String unescape(String literal) {
        return literal.replaceAll("\\\\(.)", "$1");
    }

    static Instant time(String salesforceTime) {
        return OffsetDateTime.parse(salesforceTime, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().add("Sforce-Limit-Info", "api-usage=18/15000");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, status == 204 || out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
