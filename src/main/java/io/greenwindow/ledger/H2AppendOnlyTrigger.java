package io.greenwindow.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's side of the append-only rule (migration V41): refuses every UPDATE and DELETE of a ledger entry. */
public final class H2AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object seq = oldRow == null || oldRow.length == 0 ? "?" : oldRow[0];
        String op = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("ledger_entry is append-only: " + op + " refused on entry " + seq, "P0001");
    }
}
