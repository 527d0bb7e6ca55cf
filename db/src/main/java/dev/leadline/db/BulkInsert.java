package dev.leadline.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Many rows into one table as one JDBC batch of a one-row prepared statement. The driver sends such a
 * batch in MariaDB's bulk protocol: the statement is parsed once and the rows travel as binary
 * parameters. A jOOQ multi-row {@code INSERT} instead renders, escapes and sends every value as text,
 * and MariaDB parses all of it: for the hundreds of rows an import batch writes into each table, that
 * rendering and parsing was the largest share of both processes' CPU.
 *
 * <p>Values are given in the order of the fields, as the JDBC driver takes them (the generated tables
 * use no converters). The batch runs on the connection of the caller's transaction.
 */
final class BulkInsert {
    private final DSLContext dsl;
    private final String sql;
    private final int width;
    private final List<Object[]> rows = new ArrayList<>();

    private BulkInsert(DSLContext dsl, String sql, int width) {
        this.dsl = dsl;
        this.sql = sql;
        this.width = width;
    }

    static BulkInsert into(DSLContext dsl, Table<?> table, Field<?>... fields) {
        return new BulkInsert(dsl, render(dsl, table, fields, false), fields.length);
    }

    /** Rows whose unique key is already there are skipped ({@code INSERT IGNORE}). */
    static BulkInsert ignoringDuplicates(DSLContext dsl, Table<?> table, Field<?>... fields) {
        return new BulkInsert(dsl, render(dsl, table, fields, true), fields.length);
    }

    private static String render(DSLContext dsl, Table<?> table, Field<?>[] fields, boolean ignore) {
        var insert = dsl.insertInto(table).columns(fields).values(Arrays.stream(fields).map(f -> DSL.val(null, f)).toList());
        return dsl.renderContext().paramType(ParamType.INDEXED).render(ignore ? insert.onDuplicateKeyIgnore() : insert);
    }

    BulkInsert row(Object... values) {
        if (values.length != width) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + width + " columns");
        }
        rows.add(values);
        return this;
    }

    int size() {
        return rows.size();
    }

    void execute() {
        if (rows.isEmpty()) {
            return;
        }
        dsl.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                executeBatch(statement);
            }
        });
    }

    /** Runs the batch and returns the generated key of each row, in the order of the rows. */
    List<Long> executeReturningIds() {
        if (rows.isEmpty()) {
            return List.of();
        }
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                executeBatch(statement);
                List<Long> ids = new ArrayList<>(rows.size());
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
                if (ids.size() != rows.size()) {
                    throw new IllegalStateException(ids.size() + " generated keys for " + rows.size() + " rows");
                }
                return ids;
            }
        });
    }

    private void executeBatch(PreparedStatement statement) throws SQLException {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                statement.setObject(i + 1, row[i]);
            }
            statement.addBatch();
        }
        statement.executeBatch();
    }
}
