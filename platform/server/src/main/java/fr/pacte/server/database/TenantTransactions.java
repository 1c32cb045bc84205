package fr.pacte.server.database;

import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one way to touch tenant-owned rows: a transaction in which {@code pacte.tenant_id} is set for that
 * transaction only ({@code set_config(..., true)}), so row-level security shows and accepts that tenant's
 * rows and nothing else. The setting is gone at commit, before the connection returns to the pool.
 *
 * <p>It also keeps a {@link Tally} of the transactions it opened and the statements sent through them: what a
 * request costs the database is then something a test can assert.
 */
public final class TenantTransactions {

  private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  private static final Set<String> COUNTED = Set.of("query", "preparedQuery", "prepare");
  private static final String BIND_TENANT = "SELECT set_config('pacte.tenant_id', $1, true)";

  /** Per-tenant work run at once by {@link #fewAtATime} for each connection of the pool. */
  private static final int AT_ONCE_PER_CONNECTION = 2;
  /** Without a pool size: what a small pool of the tests' own has. */
  private static final int DEFAULT_POOL_SIZE = 2;

  private final Pool pool;
  private final int atOnce;
  private final LongAdder transactions = new LongAdder();
  private final LongAdder statements = new LongAdder();

  /** An identifier that cannot name a tenant (a caller's typing, e.g. {@code -1}): answered like an unknown one. */
  public static final class NotATenant extends IllegalArgumentException {

    private final String identifier;

    public NotATenant(String identifier) {
      super("not a tenant identifier: " + identifier);
      this.identifier = identifier;
    }

    public String identifier() {
      return identifier;
    }
  }

  public TenantTransactions(Pool pool) {
    this(pool, DEFAULT_POOL_SIZE);
  }

  /** @param poolSize the pool's connections at most: bounds the per-tenant work of {@link #fewAtATime} */
  public TenantTransactions(Pool pool, int poolSize) {
    this.pool = pool;
    this.atOnce = Math.max(1, poolSize) * AT_ONCE_PER_CONNECTION;
  }

  /**
   * Runs {@code work} for each item (usually a tenant), a few per pool connection at once, each lane taking its items
   * in list order; the results come back in list order. Work for every tenant at once would queue a hundred
   * transactions on a pool of a few connections, and the last ones would give up waiting
   * ({@link ApplicationPool#WAIT_TIMEOUT_MS}); with three tenants all run at once. Fails with the first failure.
   */
  public <T, R> Future<List<R>> fewAtATime(Collection<T> each, Function<T, Future<R>> work) {
    List<T> items = List.copyOf(each);
    int lanes = Math.min(atOnce, items.size());
    AtomicReferenceArray<R> results = new AtomicReferenceArray<>(items.size());
    List<Future<Void>> running = new ArrayList<>(lanes);
    for (int lane = 0; lane < lanes; lane++) {
      Future<Void> chain = Future.succeededFuture();
      for (int i = lane; i < items.size(); i += lanes) {
        int index = i;
        chain = chain.compose(done -> work.apply(items.get(index)).map(result -> {
          results.set(index, result);
          return null;
        }));
      }
      running.add(chain);
    }
    return Future.all(running).map(all -> {
      List<R> ordered = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        ordered.add(results.get(i));
      }
      return ordered;
    });
  }

  /** Transactions opened and statements sent (the tenant binding included) since this object was made. */
  public record Tally(long transactions, long statements) {

    /** What was done between {@code earlier} and this tally. */
    public Tally since(Tally earlier) {
      return new Tally(transactions - earlier.transactions, statements - earlier.statements);
    }
  }

  public Tally tally() {
    return new Tally(transactions.sum(), statements.sum());
  }

  /** Runs platform code in a tenant's transaction with full SQL. */
  public <T> Future<T> inTenant(String tenantId, Function<SqlConnection, Future<T>> work) {
    if (tenantId == null || !SLUG.matcher(tenantId).matches()) {
      return Future.failedFuture(new NotATenant(tenantId));
    }
    return pool.withTransaction(opened -> {
      ApplicationPool.quietOnLoss(opened);
      SqlConnection connection = counted(opened);
      return connection.preparedQuery(BIND_TENANT).execute(Tuple.of(tenantId))
          .compose(bound -> work.apply(connection));
    });
  }

  /**
   * Runs work in a tenant's transaction, or outside any tenant when {@code tenantId} is null: the platform's own
   * rows of tables shared with tenants (platform operators' sessions) are the ones visible then.
   */
  public <T> Future<T> inTenantOrPlatform(String tenantId, Function<SqlConnection, Future<T>> work) {
    return tenantId == null
        ? pool.withTransaction(opened -> {
          ApplicationPool.quietOnLoss(opened);
          return work.apply(counted(opened));
        })
        : inTenant(tenantId, work);
  }

  /** Runs plugin code in a tenant's transaction, through a {@link TenantSql} that refuses to leave it. */
  public <T> Future<T> inTenantForPlugin(String tenantId, Function<TenantSql, Future<T>> work) {
    return inTenant(tenantId, connection -> work.apply(new GuardedSql(tenantId, connection)));
  }

  private static final String BIND_PEOPLE_SCOPE = """
      SELECT set_config('pacte.people_scope', $1, true), set_config('pacte.people_scope_value', $2, true)""";

  /**
   * Runs plugin code in a tenant's transaction for a user: besides the tenant, the user's {@link PeopleScope} is set
   * for the transaction, and the {@code people_scope} policies show the module only the people and participations
   * that user may see. The module cannot change either setting (see {@link StatementGuard}).
   */
  public <T> Future<T> inTenantForPlugin(String tenantId, PeopleScope scope, Function<TenantSql, Future<T>> work) {
    return inTenant(tenantId, connection -> connection.preparedQuery(BIND_PEOPLE_SCOPE)
        .execute(Tuple.of(scope.kind(), scope.value()))
        .compose(bound -> work.apply(new GuardedSql(tenantId, connection))));
  }

  /** Work outside any tenant: only the tenant registry and health checks belong here. */
  public Pool platformPool() {
    return pool;
  }

  /** The connection, counting this transaction and every statement created on it (a batch is one). */
  private SqlConnection counted(SqlConnection connection) {
    transactions.increment();
    return (SqlConnection) Proxy.newProxyInstance(SqlConnection.class.getClassLoader(), new Class<?>[] {SqlConnection.class},
        (proxy, method, arguments) -> {
          if (COUNTED.contains(method.getName())) {
            statements.increment();
          }
          try {
            return method.invoke(connection, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * Whether this SQL helper was made by {@link #inTenantForPlugin}: the platform's data view for plugins reads only
   * through those, so that its reads stay inside the transaction and the tenant the host bound.
   */
  public static boolean madeByHost(TenantSql sql) {
    return sql instanceof GuardedSql;
  }

  private record GuardedSql(String tenantId, SqlConnection connection) implements TenantSql {

    @Override
    public Future<RowSet<Row>> query(String sql, Tuple arguments) {
      try {
        StatementGuard.check(sql);
      } catch (IllegalArgumentException refused) {
        return Future.failedFuture(refused);
      }
      return connection.preparedQuery(sql).execute(arguments);
    }
  }
}
