package db.migration;

import io.greenwindow.ledger.H2AppendOnlyTrigger;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes {@code ledger_entry} append-only in the database itself: a trigger refuses UPDATE and DELETE. A Java
 * migration because the two databases write triggers differently (PostgreSQL in PL/pgSQL, H2 as a Java class);
 * it lives in Flyway's {@code db.migration} package so that Flyway finds it beside the SQL migrations.
 */
public class V41__LedgerAppendOnly extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        try (Statement st = context.getConnection().createStatement()) {
            if (product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                st.execute("CREATE FUNCTION ledger_entry_refuse_change() RETURNS trigger AS $$ BEGIN "
                        + "RAISE EXCEPTION 'ledger_entry is append-only: % refused', TG_OP; "
                        + "END; $$ LANGUAGE plpgsql");
                st.execute("CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry "
                        + "FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()");
                // TRUNCATE bypasses row triggers; refuse it too.
                st.execute("CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry "
                        + "FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_refuse_change()");
            } else {
                st.execute("CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry "
                        + "FOR EACH ROW CALL '" + H2AppendOnlyTrigger.class.getName() + "'");
            }
        }
    }
}
