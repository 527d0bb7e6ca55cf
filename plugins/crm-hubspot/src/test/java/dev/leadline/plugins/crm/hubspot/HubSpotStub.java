package dev.leadline.plugins.crm.hubspot;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for HubSpot's CRM API v3 (and the v4 default association), keeping contacts, owners, companies,
 * deals, calls, meetings and notes in memory, answering in the shapes of HubSpot's public OpenAPI specs
 * (github.com/HubSpot/HubSpot-public-api-spec-collection: CRM Contacts/Companies/Deals/Calls/Meetings/Notes v3,
 * Owners v3, Associations v4) and of its documented error body {@code {status, message, correlationId, category,
 * errors}} and 429 body ({@code errorType: RATE_LIMIT, policyName}), and recording every request it was sent.
 */
public final class HubSpotStub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

    /** One request as the stub saw it: the path with its query, header names in lower case, the body parsed (or null). */
    public record Seen(String method, String path, Map<String, String> headers, JsonNode body) {}

    /** A stored record: its properties and the contacts and companies it is associated with (and the association types). */
    public record Rec(String id, ObjectNode properties, Map<String, Integer> contacts, Map<String, Integer> companies) {}

    /** An answer given instead of the normal one, to the next request whose path starts with the prefix. */
    record Canned(String pathPrefix, int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Rec>> objects = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile Instant now = Instant.parse("2026-12-01T09:00:00Z");

    public HubSpotStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        owner("41629779", "omar@leadline.example");
        owner("52550153", "ana@leadline.example");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Map<String, String> settings() {
        return Map.of("token", TOKEN, "baseUrl", baseUrl());
    }

    public void owner(String id, String email) {
        owners.put(id, email);
    }

    /** HubSpot's clock: what {@code lastmodifieddate} becomes when the stub writes a record. */
    public void now(Instant instant) {
        now = instant;
    }

    /** A contact as if made in HubSpot, last modified at {@code modified}. */
    public synchronized Rec contact(String email, String ownerId, String status, Instant modified) {
        ObjectNode properties = JSON.createObjectNode().put("email", email).put("hubspot_owner_id", ownerId).put("hs_lead_status", status);
        Rec rec = store("contacts", properties);
        rec.properties().put("lastmodifieddate", modified.toString());
        return rec;
    }

    /** A change made in HubSpot's UI. */
    public synchronized void edit(String type, String id, String property, String value, Instant modified) {
        Rec rec = records(type).get(id);
        rec.properties().put(property, value);
        rec.properties().put("lastmodifieddate", modified.toString());
    }

    public synchronized Map<String, Rec> records(String type) {
        return objects.computeIfAbsent(type, t -> new LinkedHashMap<>());
    }

    public void answerNext(String pathPrefix, int status, Map<String, String> headers, String body) {
        canned.add(new Canned(pathPrefix, status, headers, body));
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<Seen> seen(String method, String pathPrefix) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).toList();
    }

    static String error(String message, String category) {
        return JSON.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", "aeb5f871-7f07-4993-9211-075dc63e7cbf").put("category", category).toString();
    }

    private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(\\w+)(?:/(\\d+))?(?:/(search|batch/upsert))?");
    private static final Pattern V4_DEFAULT = Pattern.compile("/crm/v4/objects/contact/(\\d+)/associations/default/company/(\\d+)");

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            JsonNode body = raw.isBlank() ? null : JSON.readTree(raw);
            seen.add(new Seen(exchange.getRequestMethod(), query == null ? path : path + "?" + query, headers, body));
            Canned next = canned.peek();
            if (next != null && path.startsWith(next.pathPrefix()) && canned.remove(next)) {
                send(exchange, next.status(), next.headers(), next.body());
                return;
            }
            if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
                send(exchange, 401, Map.of(), error("Authentication credentials not found. This API supports OAuth 2.0 authentication and you can "
                        + "find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview", "INVALID_AUTHENTICATION"));
                return;
            }
            synchronized (this) {
                route(exchange, exchange.getRequestMethod(), path, query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8), body);
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path, String query, JsonNode body) throws IOException {
        if (path.equals("/crm/v3/owners") || path.equals("/crm/v3/owners/")) {
            ArrayNode results = JSON.createArrayNode();
            Matcher email = Pattern.compile("email=([^&]+)").matcher(query);
            String wanted = email.find() ? email.group(1) : null;
            owners.forEach((id, address) -> {
                if (wanted == null || wanted.equalsIgnoreCase(address)) {
                    results.add(ownerJson(id, address));
                }
            });
            send(exchange, 200, Map.of(), JSON.createObjectNode().set("results", results).toString());
            return;
        }
        if (path.startsWith("/crm/v3/owners/")) {
            String id = path.substring("/crm/v3/owners/".length());
            if (owners.containsKey(id)) {
                send(exchange, 200, Map.of(), ownerJson(id, owners.get(id)).toString());
            } else {
                send(exchange, 404, Map.of(), error("Owner " + id + " not found", "OBJECT_NOT_FOUND"));
            }
            return;
        }
        Matcher v4 = V4_DEFAULT.matcher(path);
        if (v4.matches() && method.equals("PUT")) {
            records("contacts").get(v4.group(1)).companies().put(v4.group(2), 279);
            ObjectNode result = JSON.createObjectNode().put("status", "COMPLETE");
            ObjectNode one = result.putArray("results").addObject();
            one.putObject("from").put("id", v4.group(1));
            one.putObject("to").put("id", v4.group(2));
            one.putObject("associationSpec").put("associationCategory", "HUBSPOT_DEFINED").put("associationTypeId", 279);
            send(exchange, 200, Map.of(), result.toString());
            return;
        }
        Matcher object = OBJECT.matcher(path);
        if (!object.matches()) {
            send(exchange, 404, Map.of(), error("no route " + path, "OBJECT_NOT_FOUND"));
            return;
        }
        String type = object.group(1);
        String id = object.group(2);
        String action = object.group(3);
        if ("search".equals(action)) {
            send(exchange, 200, Map.of(), search(type, body).toString());
        } else if ("batch/upsert".equals(action)) {
            send(exchange, 200, Map.of(), upsert(type, body).toString());
        } else if (id == null && method.equals("POST")) {
            Rec rec = store(type, (ObjectNode) body.path("properties"));
            for (JsonNode association : body.path("associations")) {
                int typeId = association.path("types").path(0).path("associationTypeId").asInt();
                String to = association.path("to").path("id").asText();
                (typeId == 5 || typeId == 341 ? rec.companies() : rec.contacts()).put(to, typeId);
            }
            if (type.equals("companies")) {
                // the OpenAPI spec's CreatedResponseSimplePublicObject; the other creates answer as the guides show
                ObjectNode created = JSON.createObjectNode().put("createdResourceId", rec.id()).put("location", baseUrl() + path + "/" + rec.id());
                created.set("entity", json(rec));
                send(exchange, 200, Map.of(), created.toString());
                return;
            }
            send(exchange, 201, Map.of(), json(rec).toString());
        } else if (id != null && !records(type).containsKey(id)) {
            send(exchange, 404, Map.of(), JSON.createObjectNode().put("status", "error").put("message", "Object not found.  objectId are usually numeric.")
                    .put("correlationId", "f8fdf35f-3b93-4a3b-9a8c-4f1b1b0c7d2e").put("category", "OBJECT_NOT_FOUND").toString());
        } else if (id != null && method.equals("GET")) {
            send(exchange, 200, Map.of(), json(records(type).get(id)).toString());
        } else if (id != null && method.equals("PATCH")) {
            Rec rec = records(type).get(id);
            rec.properties().setAll((ObjectNode) body.path("properties"));
            rec.properties().put("lastmodifieddate", now.toString());
            send(exchange, 200, Map.of(), json(rec).toString());
        } else {
            send(exchange, 405, Map.of(), error("Method not allowed", "VALIDATION_ERROR"));
        }
    }

    private Rec store(String type, ObjectNode given) {
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode properties = given.deepCopy();
        properties.put("hs_object_id", id).put("createdate", now.toString()).put("lastmodifieddate", now.toString());
        Rec rec = new Rec(id, properties, new LinkedHashMap<>(), new LinkedHashMap<>());
        records(type).put(id, rec);
        return rec;
    }

    private ObjectNode upsert(String type, JsonNode body) {
        ObjectNode answer = JSON.createObjectNode().put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        for (JsonNode input : body.path("inputs")) {
            String email = input.path("id").asText();
            Rec rec = records(type).values().stream().filter(r -> email.equalsIgnoreCase(r.properties().path("email").asText())).findFirst()
                    .orElse(null);
            boolean created = rec == null;
            if (created) {
                rec = store(type, JSON.createObjectNode().put("email", email));
            }
            rec.properties().setAll((ObjectNode) input.path("properties"));
            rec.properties().put("lastmodifieddate", now.toString());
            results.add(json(rec).put("new", created));
        }
        return answer.put("startedAt", now.toString()).put("completedAt", now.toString());
    }

    /** The search API: one filter group, filters ANDed (EQ, GT, GTE on properties; EQ on associations.contact), one sort. */
    private ObjectNode search(String type, JsonNode body) {
        List<Rec> found = new ArrayList<>();
        for (Rec rec : records(type).values()) {
            boolean all = true;
            for (JsonNode filter : body.path("filterGroups").path(0).path("filters")) {
                all &= matches(rec, filter);
            }
            if (all) {
                found.add(rec);
            }
        }
        JsonNode sort = body.path("sorts").path(0);
        if (!sort.isMissingNode()) {
            found.sort(Comparator.comparing(rec -> millis(rec.properties().path(sort.path("propertyName").asText()).asText("0"))));
        }
        int limit = body.path("limit").asInt(10);
        ObjectNode answer = JSON.createObjectNode().put("total", found.size());
        ArrayNode results = answer.putArray("results");
        found.stream().limit(limit).forEach(rec -> results.add(json(rec)));
        if (found.size() > limit) {
            answer.putObject("paging").putObject("next").put("after", Integer.toString(limit));
        }
        return answer;
    }

    private static boolean matches(Rec rec, JsonNode filter) {
        String property = filter.path("propertyName").asText();
        String value = filter.path("value").asText();
        if (property.equals("associations.contact")) {
            return rec.contacts().containsKey(value);
        }
        String actual = rec.properties().path(property).asText(null);
        if (actual == null) {
            return false;
        }
        return switch (filter.path("operator").asText()) {
            case "EQ" -> property.endsWith("date") || property.equals("hs_timestamp") ? millis(actual) == millis(value) : actual.equalsIgnoreCase(value);
            case "GT" -> millis(actual) > millis(value);
            case "GTE" -> millis(actual) >= millis(value);
            default -> throw new IllegalArgumentException("stub has no operator " + filter);
        };
    }

    private static long millis(String value) {
        return value.matches("\\d+") ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
    }

    private ObjectNode json(Rec rec) {
        ObjectNode node = JSON.createObjectNode().put("id", rec.id());
        node.set("properties", rec.properties().deepCopy());
        node.put("createdAt", rec.properties().path("createdate").asText()).put("updatedAt", rec.properties().path("lastmodifieddate").asText())
                .put("archived", false);
        return node;
    }

    private static ObjectNode ownerJson(String id, String email) {
        return JSON.createObjectNode().put("id", id).put("email", email).put("type", "PERSON").put("firstName", email.split("@")[0])
                .put("lastName", "Example").put("userId", 9586504).put("createdAt", "2019-12-25T13:01:35.228Z")
                .put("updatedAt", "2023-08-22T13:40:26.790Z").put("archived", false);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        exchange.getResponseBody().write(out);
    }

    Set<String> ids(String type) {
        return new LinkedHashSet<>(records(type).keySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
