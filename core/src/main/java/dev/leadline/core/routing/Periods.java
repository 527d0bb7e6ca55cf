package dev.leadline.core.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/** The day, week (from Monday) and month that a moment falls in, in a time zone: the periods caps count in. */
public record Periods(String day, String week, String month) {
    public static Periods of(Instant at, ZoneId zone) {
        LocalDate date = at.atZone(zone).toLocalDate();
        return new Periods("D" + date, "W" + date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                "M" + date.toString().substring(0, 7));
    }

    public List<String> all() {
        return List.of(day, week, month);
    }
}
