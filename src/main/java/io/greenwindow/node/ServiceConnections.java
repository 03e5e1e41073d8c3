package io.greenwindow.node;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz connections from the service's own pool, so that its tables live in the service's database. The
 * pool belongs to the service: shutting this down only stops handing connections out, it never closes the pool.
 * It counts the connections Quartz holds, so that a stop can wait until Quartz has none before it interrupts
 * Quartz's threads (an interrupt during a write closes an H2 file database under every user of it).
 */
final class ServiceConnections implements ConnectionProvider {

    private volatile DataSource dataSource;
    private final AtomicInteger held = new AtomicInteger();

    ServiceConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource ds = dataSource;
        if (ds == null) {
            throw new SQLException("The cluster scheduler of this node is stopped: no connection for it");
        }
        Connection connection = ds.getConnection();
        held.incrementAndGet();
        return counted(connection);
    }

    private Connection counted(Connection connection) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        synchronized (closed) {
                            if (!closed[0]) {
                                closed[0] = true;
                                held.decrementAndGet();
                            }
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** How many connections Quartz holds now. */
    int held() {
        return held.get();
    }

    /** Quartz calls this at its shutdown (and a stop cuts it first): forget the pool, which the service closes. */
    @Override
    public void shutdown() {
        dataSource = null;
    }

    @Override
    public void initialize() {
        // the pool is open already
    }
}
