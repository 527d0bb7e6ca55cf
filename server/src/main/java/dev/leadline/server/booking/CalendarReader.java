package dev.leadline.server.booking;

import biweekly.Biweekly;
import biweekly.ICalendar;
import dev.leadline.core.booking.CalendarSource;
import dev.leadline.core.booking.Interval;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the busy times of a calendar: a CalDAV {@code calendar-query} REPORT with a time range on its
 * events (RFC 4791), or a plain GET of an ICS address.
 */
final class CalendarReader {
    private static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final CalendarHttp http;

    CalendarReader(CalendarHttp http) {
        this.http = http;
    }

    List<Interval> busy(CalendarSource source, Instant from, Instant to, ZoneId repZone) {
        List<ICalendar> calendars = source instanceof CalendarSource.CalDav calDav ? calDav(calDav, from, to)
                : parse(http.fetch(CalendarHttp.Call.get(source.url())), source.url().getHost());
        return BusyTimes.within(calendars, from, to, repZone);
    }

    private List<ICalendar> calDav(CalendarSource.CalDav source, Instant from, Instant to) {
        String query = """
                <?xml version="1.0" encoding="utf-8"?>
                <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:prop><c:calendar-data/></d:prop>
                  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
                    <c:time-range start="%s" end="%s"/>
                  </c:comp-filter></c:comp-filter></c:filter>
                </c:calendar-query>
                """.formatted(UTC.format(from), UTC.format(to));
        String answer = http.fetch(new CalendarHttp.Call("REPORT", source.url(), Optional.of(query),
                Map.of("Depth", "1", "Content-Type", "application/xml; charset=utf-8"), Optional.of(source.user() + ":" + source.password())));
        List<ICalendar> calendars = new ArrayList<>();
        for (String data : calendarData(answer, source.url().getHost())) {
            calendars.addAll(parse(data, source.url().getHost()));
        }
        return calendars;
    }

    /** The {@code calendar-data} of every resource in a multistatus answer. */
    private static List<String> calendarData(String multistatus, String host) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            document = builder.parse(new InputSource(new StringReader(multistatus)));
        } catch (ParserConfigurationException | SAXException | java.io.IOException e) {
            throw new CalendarReadException(host + " did not answer with a CalDAV multistatus document");
        }
        if (!"multistatus".equals(document.getDocumentElement().getLocalName())) {
            throw new CalendarReadException(host + " did not answer with a CalDAV multistatus document");
        }
        NodeList nodes = document.getElementsByTagNameNS(CALDAV, "calendar-data");
        List<String> data = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            String text = nodes.item(i).getTextContent();
            if (text != null && !text.isBlank()) {
                data.add(text);
            }
        }
        return data;
    }

    private static List<ICalendar> parse(String text, String host) {
        List<ICalendar> calendars;
        try {
            calendars = Biweekly.parse(text).all();
        } catch (RuntimeException e) {
            throw new CalendarReadException(host + " sent a calendar that cannot be read");
        }
        if (calendars.isEmpty()) {
            throw new CalendarReadException(host + " sent no calendar (no BEGIN:VCALENDAR)");
        }
        return calendars;
    }
}
