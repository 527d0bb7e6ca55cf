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
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * One statement run for many rows as one JDBC batch of a prepared one-row statement. The driver sends a
 * batch of inserts in MariaDB's bulk protocol: the statement is parsed once and the rows travel as
 * binary parameters. A jOOQ multi-row {@code INSERT} instead renders, escapes and sends every value as
 * text, and MariaDB parses all of it: for the hundreds of rows an import batch writes into each table,
 * that rendering and parsing was the largest share of both processes' CPU. A batch of updates is
 * pipelined (sent together, answered together) and gives each row's update count, which optimistic
 * locking needs; a jOOQ {@code UPDATE} of many rows needed a {@code CASE} per column with a branch per
 * row, which MariaDB evaluated branch by branch for every row.
 *
 * <p>Values are given in the order of the statement's parameters, as the JDBC driver takes them (the
 * generated tables use no converters). The batch runs on the connection of the caller's transaction.
 */
final class JdbcBatch {
    private final DSLContext dsl;
    private final String sql;
    private final int width;
    private final List<Object[]> rows = new ArrayList<>();

    private JdbcBatch(DSLContext dsl, String sql, int width) {
        this.dsl = dsl;
        this.sql = sql;
        this.width = width;
    }

    static JdbcBatch into(DSLContext dsl, Table<?> table, Field<?>... fields) {
        return new JdbcBatch(dsl, render(dsl, table, fields, false), fields.length);
    }

    /** Rows whose unique key is already there are skipped ({@code INSERT IGNORE}). */
    static JdbcBatch ignoringDuplicates(DSLContext dsl, Table<?> table, Field<?>... fields) {
        return new JdbcBatch(dsl, render(dsl, table, fields, true), fields.length);
    }

    /**
     * Any statement, written with jOOQ with a placeholder ({@code DSL.val(null, field)}) for each value
     * a row gives, in the order they are rendered.
     */
    static JdbcBatch of(DSLContext dsl, Query template) {
        return new JdbcBatch(dsl, dsl.renderContext().paramType(ParamType.INDEXED).render(template), dsl.extractBindValues(template).size());
    }

    private static String render(DSLContext dsl, Table<?> table, Field<?>[] fields, boolean ignore) {
        var insert = dsl.insertInto(table).columns(fields).values(Arrays.stream(fields).map(f -> DSL.val(null, f)).toList());
        return dsl.renderContext().paramType(ParamType.INDEXED).render(ignore ? insert.onDuplicateKeyIgnore() : insert);
    }

    JdbcBatch row(Object... values) {
        if (values.length != width) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + width + " parameters");
        }
        rows.add(values);
        return this;
    }

    int size() {
        return rows.size();
    }

    /** Runs the batch and returns each row's update count, in the order of the rows (inserts in bulk give {@link Statement#SUCCESS_NO_INFO}). */
    int[] execute() {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return executeBatch(statement);
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
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    return ids(keys);
                }
            }
        });
    }

    /**
     * Inserts the rows as multi-row {@code INSERT ... RETURNING} of the table's key (MariaDB): one
     * statement for up to {@link #ROWS_PER_STATEMENT} rows, where {@link #executeReturningIds} sends one
     * a row (the driver cannot send a batch that returns keys in bulk). The generated keys, in the order
     * of the rows.
     */
    List<Long> insertReturningIds(Field<Long> key) {
        List<Long> ids = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            ids.addAll(insertReturningIds(key, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))));
        }
        if (ids.size() != rows.size()) {
            throw new IllegalStateException(ids.size() + " generated keys for " + rows.size() + " rows");
        }
        return ids;
    }

    /** Rows in one multi-row insert: far below MariaDB's 65,535 placeholders a statement for any table's width. */
    private static final int ROWS_PER_STATEMENT = 1_000;

    private List<Long> insertReturningIds(Field<Long> key, List<Object[]> chunk) {
        String tuple = sql.substring(sql.lastIndexOf(" values (") + " values ".length());
        StringBuilder all = new StringBuilder(sql.length() + chunk.size() * (tuple.length() + 2)).append(sql);
        for (int i = 1; i < chunk.size(); i++) {
            all.append(", ").append(tuple);
        }
        all.append(" returning ").append(dsl.render(DSL.name(key.getName())));
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(all.toString())) {
                int at = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        statement.setObject(at++, value);
                    }
                }
                List<Long> ids = new ArrayList<>(chunk.size());
                try (ResultSet keys = statement.executeQuery()) {
                    while (keys.next()) {
                        ids.add(keys.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** The generated key of each row, in the order of the rows. */
    private List<Long> ids(ResultSet keys) throws SQLException {
        List<Long> ids = new ArrayList<>(rows.size());
        while (keys.next()) {
            ids.add(keys.getLong(1));
        }
        if (ids.size() != rows.size()) {
            throw new IllegalStateException(ids.size() + " generated keys for " + rows.size() + " rows");
        }
        return ids;
    }

    private int[] executeBatch(PreparedStatement statement) throws SQLException {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                statement.setObject(i + 1, row[i]);
            }
            statement.addBatch();
        }
        return statement.executeBatch();
    }
}
