package fr.pacte.bench.national;

import fr.pacte.bench.national.Departements.Departement;
import fr.pacte.server.Pacte;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.database.DatabaseSettings;
import fr.pacte.server.database.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The national data set: all of France (101 départements, about 2 million people on the RSA, 5 million participations
 * over three years) in a database Pacte serves, with the tenants folder it starts on. Pacte itself migrates the database
 * and loads the tenants (a start and a stop); the data is then written by COPY, départements in parallel, with the
 * indicator triggers off and the facts recounted once at the end; the monthly reports are made from the facts, then
 * everything is analysed. Same seed and scale, same data.
 *
 * <pre>bench/generate [--scale 1.0] [--seed 17] [--out bench/target/national] [--threads 2] [--departements 80,59]
 *                [--db-url jdbc:postgresql://… --db-user … --db-password … --db-app-user … --db-app-password …]</pre>
 */
public final class NationalDataSet {

  /** The tables the generator writes, parents first; the owner's row-level security is lifted on them while it does. */
  static final List<String> TABLES = List.of("organisation", "offer_item", "offer_place", "person", "workshop_session",
      "orientation", "workshop_attendance", "call_for_projects", "call_lot", "application", "application_member",
      "application_project", "application_admissibility", "call_decision", "project_decision", "convention",
      "convention_tranche", "convention_payment", "pathway_fact", "pathway_exit_fact", "monthly_report");
  /** The indicator triggers, off during the load: the facts are recounted once at the end. */
  private static final Map<String, List<String>> TRIGGERS = Map.of(
      "orientation", List.of("orientation_counted"),
      "workshop_session", List.of("session_counted"),
      "workshop_attendance", List.of("attendance_counted"));

  /**
   * What to generate and where.
   *
   * @param database an external PostgreSQL, or empty for the embedded one in {@code out/data}
   * @param only     the codes of the départements to generate, or empty for all 101 (each one's data is the same
   *                 whichever others are generated with it)
   */
  public record Options(long seed, double scale, Path out, Path repositoryTenants, Path plugins, int threads,
                        Optional<PacteConfig.ExternalDatabase> database, Set<String> only) {

    public Path tenants() {
      return out.resolve("tenants");
    }

    public Path dataDir() {
      return out.resolve("data");
    }

    /**
     * The settings a Pacte node uses on the generated data (port 0: any free one), with a pool large enough for the
     * tenants a start applies at once.
     */
    public PacteConfig pacteConfig(int httpPort) {
      return new PacteConfig("localhost", httpPort, dataDir(), plugins, tenants(), database, "national", database.isEmpty(),
          Optional.empty(), null, 40, 1, Optional.empty(), false);
    }
  }

  /** What the generation wrote, table by table, and how long each step took. */
  public record Summary(Map<String, Long> rows, Map<String, Long> millis) {
  }

  private NationalDataSet() {
  }

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    Summary summary = generate(options);
    System.out.println();
    System.out.println("Rows:");
    summary.rows().forEach((table, n) -> System.out.printf("  %-26s %,12d%n", table, n));
    System.out.println("Timings:");
    summary.millis().forEach((step, ms) -> System.out.printf("  %-26s %8.1f s%n", step, ms / 1000.0));
    System.out.println();
    System.out.println("Start Pacte on it:");
    System.out.println("  " + startCommand(options));
  }

  /** The command that starts Pacte on the generated pair (database and tenants folder). */
  static String startCommand(Options o) {
    String common = "PACTE_TENANTS_DIR=" + o.tenants() + " PACTE_PLUGINS_DIR=" + o.plugins();
    return o.database().map(d -> "PACTE_DB_URL=" + d.url() + " PACTE_DB_USER=" + d.ownerUser() + " PACTE_DB_PASSWORD=… "
            + "PACTE_DB_APP_USER=" + d.appUser() + " PACTE_DB_APP_PASSWORD=… " + common)
        .orElse("PACTE_DATA_DIR=" + o.dataDir() + " " + common) + " java -jar platform/server/target/pacte-server.jar";
  }

  public static Summary generate(Options options) throws Exception {
    Map<String, Long> millis = new LinkedHashMap<>();
    long begin = System.nanoTime();
    List<Departement> departements = Departements.load(options.repositoryTenants()).stream()
        .filter(d -> options.only().isEmpty() || options.only().contains(d.code())).toList();
    Departements.writeFolders(departements, options.repositoryTenants(), options.tenants());
    millis.put("tenant folders", since(begin));

    long step = System.nanoTime();
    seedTenants(options, departements);
    millis.put("Pacte start (schema, tenants)", since(step));

    EmbeddedDatabase embedded = options.database().isEmpty() ? EmbeddedDatabase.start(options.dataDir()) : null;
    try {
      DatabaseSettings settings = embedded != null ? embedded.settings() : options.database()
          .map(d -> new DatabaseSettings(d.url(), d.ownerUser(), d.ownerPassword(), d.appUser(), d.appPassword())).get();
      Map<String, Long> rows = load(options, settings, departements, millis);
      millis.put("total", since(begin));
      return new Summary(rows, millis);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /**
   * Pacte migrates the database and applies the tenants' files (territories, action types, accounts) as it always does,
   * in one start on a copy of the tenants folder (it seeds a few tenants per pool connection at a time), then the copy
   * is removed. The seeds it records name files relative to each tenant's folder, so the final folder is taken as
   * already applied.
   */
  private static void seedTenants(Options options, List<Departement> departements) throws java.io.IOException {
    Path seeding = options.out().resolve("seeding");
    Departements.delete(seeding);
    try {
      for (Departement d : departements) {
        Departements.copy(options.tenants().resolve(d.slug()), seeding.resolve(d.slug()));
      }
      PacteConfig config = options.pacteConfig(0);
      try (Pacte pacte = Pacte.start(new PacteConfig(config.httpHost(), 0, config.dataDir(), config.pluginsDir(), seeding,
          config.database(), config.nodeName(), config.demoAccounts(), config.keycloak(), config.publicUrl(),
          config.dbPoolSize(), config.httpInstances(), config.smtp(), false))) {
        if (pacte.tenants().all().size() < departements.size()) {
          throw new IllegalStateException("Pacte loaded " + pacte.tenants().all().size() + " tenants, not "
              + departements.size());
        }
      }
    } finally {
      Departements.delete(seeding);
    }
  }

  private static Map<String, Long> load(Options options, DatabaseSettings settings, List<Departement> departements,
                                        Map<String, Long> millis) throws Exception {
    List<String> slugs = departements.stream().map(Departement::slug).toList();
    Set<String> withDemoOperator = new HashSet<>();
    try (Connection owner = connect(settings)) {
      prepare(owner, true);
      try (Statement statement = owner.createStatement()) {
        try (ResultSet existing = statement.executeQuery("SELECT count(*) FROM platform.person")) {
          existing.next();
          if (existing.getLong(1) > 0) {
            prepare(owner, false);
            throw new IllegalStateException("The database already holds people: generate into an empty database "
                + "(remove " + options.dataDir() + ", or give another --out).");
          }
        }
        try (ResultSet demo = statement.executeQuery(
            "SELECT tenant_id FROM platform.organisation WHERE id = 'association-demo'")) {
          while (demo.next()) {
            withDemoOperator.add(demo.getString(1));
          }
        }
      }
      try {
        long step = System.nanoTime();
        List<String> indexes = dropIndexes(owner);
        List<UUID> items;
        try {
          items = loadTenants(options, settings, departements, withDemoOperator);
        } finally {
          owner.rollback();
          millis.put("COPY (" + options.threads() + " threads)", since(step));
          step = System.nanoTime();
          recreate(owner, indexes);
          millis.put("indexes", since(step));
        }

        step = System.nanoTime();
        recountFacts(owner, slugs);
        millis.put("indicator facts", since(step));

        step = System.nanoTime();
        MonthlyReports.write(owner, slugs, items);
        owner.commit();
        millis.put("monthly reports", since(step));
      } finally {
        owner.rollback();
        prepare(owner, false);
      }
      long step = System.nanoTime();
      owner.setAutoCommit(true);
      try (Statement statement = owner.createStatement()) {
        statement.execute("ANALYZE");
      }
      millis.put("ANALYZE", since(step));
      return counts(owner);
    }
  }

  /** Turns the indicator triggers off and lifts the owner's row-level security on the tables written, or back on. */
  private static void prepare(Connection owner, boolean loading) throws SQLException {
    try (Statement statement = owner.createStatement()) {
      for (String table : TABLES) {
        statement.execute("ALTER TABLE platform." + table + (loading ? " NO FORCE" : " FORCE") + " ROW LEVEL SECURITY");
      }
      for (Map.Entry<String, List<String>> entry : TRIGGERS.entrySet()) {
        for (String trigger : entry.getValue()) {
          statement.execute("ALTER TABLE platform." + entry.getKey() + (loading ? " DISABLE" : " ENABLE") + " TRIGGER " + trigger);
        }
      }
    }
    owner.commit();
  }

  /** The largest tables, whose secondary indexes are built once after the copy rather than row by row during it. */
  private static final List<String> INDEXED_AFTER = List.of("person", "orientation", "workshop_session",
      "workshop_attendance");

  /** Drops the non-unique indexes of the largest tables; returns their definitions. */
  private static List<String> dropIndexes(Connection owner) throws SQLException {
    List<String> definitions = new ArrayList<>();
    try (var query = owner.prepareStatement("""
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = i.schemaname
        WHERE i.schemaname = 'platform' AND i.tablename = ANY (?) AND NOT x.indisunique ORDER BY i.indexname""")) {
      query.setArray(1, owner.createArrayOf("text", INDEXED_AFTER.toArray()));
      try (ResultSet rows = query.executeQuery(); Statement drop = owner.createStatement()) {
        while (rows.next()) {
          definitions.add(rows.getString(2));
          drop.execute("DROP INDEX platform." + rows.getString(1));
        }
      }
    }
    owner.commit();
    return definitions;
  }

  private static void recreate(Connection owner, List<String> definitions) throws SQLException {
    try (Statement statement = owner.createStatement()) {
      statement.execute("SET maintenance_work_mem = '256MB'");
      for (String definition : definitions) {
        statement.execute(definition);
      }
    }
    owner.commit();
  }

  /** One transaction per département, on as many connections as threads. */
  private static List<UUID> loadTenants(Options options, DatabaseSettings settings, List<Departement> departements,
                                        Set<String> withDemoOperator) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
      try {
        return connect(settings);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      // The largest first, so that the threads finish together.
      List<Future<List<UUID>>> done = new ArrayList<>();
      for (Departement d : departements.stream()
          .sorted(java.util.Comparator.comparingInt(Departement::rsaPopulation).reversed()).toList()) {
        done.add(pool.submit(() -> {
          Connection connection = connections.get();
          if (!opened.contains(connection)) {
            opened.add(connection);
          }
          TenantLoad load = new TenantLoad(d, options.scale(), options.seed(), connection, withDemoOperator.contains(d.slug()));
          OfferAndOperators.write(load);
          PeopleAndPathways.write(load);
          OfferAndOperators.writePlaces(load);
          FundingChain.write(load);
          load.commit();
          return load.items.stream().map(OfferAndOperators.Item::id).toList();
        }));
      }
      List<UUID> items = new ArrayList<>();
      for (Future<List<UUID>> f : done) {
        items.addAll(f.get());
      }
      return items;
    } finally {
      pool.shutdown();
      for (Connection c : opened) {
        c.close();
      }
    }
  }

  /** The facts the triggers would have kept, counted once from the data (platform.pathway_fact_recount()). */
  private static void recountFacts(Connection owner, List<String> slugs) throws SQLException {
    try (var statement = owner.prepareStatement("""
        INSERT INTO platform.pathway_fact (tenant_id, action_type, territory, organisation_id, offer_id, month, orientations,
            entries, exits, exit_days, waiting_joined, waiting_left, sessions, registered, present, absent, excused)
          SELECT * FROM platform.pathway_fact_recount() r WHERE r.tenant_id = ANY (?)
        ON CONFLICT (tenant_id, action_type, territory, organisation_id, offer_id, month) DO UPDATE SET
          orientations = EXCLUDED.orientations, entries = EXCLUDED.entries, exits = EXCLUDED.exits,
          exit_days = EXCLUDED.exit_days, waiting_joined = EXCLUDED.waiting_joined,
          waiting_left = EXCLUDED.waiting_left, sessions = EXCLUDED.sessions,
          registered = EXCLUDED.registered, present = EXCLUDED.present, absent = EXCLUDED.absent, excused = EXCLUDED.excused""")) {
      statement.setArray(1, owner.createArrayOf("text", slugs.toArray()));
      statement.executeUpdate();
    }
    try (var statement = owner.prepareStatement("""
        INSERT INTO platform.pathway_exit_fact AS f (tenant_id, action_type, territory, organisation_id, offer_id, month,
            exit_type, exits)
          SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id, date_trunc('month', o.exit_date)::date,
                 coalesce(o.exit_type, 'non-precise'), count(*)
            FROM platform.orientation o WHERE o.state = 'exited' AND o.exit_date IS NOT NULL AND o.tenant_id = ANY (?)
           GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (tenant_id, action_type, territory, organisation_id, offer_id, month, exit_type)
          DO UPDATE SET exits = EXCLUDED.exits""")) {
      statement.setArray(1, owner.createArrayOf("text", slugs.toArray()));
      statement.executeUpdate();
    }
    owner.commit();
  }

  private static Map<String, Long> counts(Connection owner) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Statement statement = owner.createStatement()) {
      for (String table : List.of("tenant", "territory", "organisation", "offer_item", "offer_place", "person", "orientation",
          "workshop_session", "workshop_attendance", "call_for_projects", "application", "application_project",
          "convention", "convention_tranche", "convention_payment", "pathway_fact", "pathway_exit_fact", "monthly_report")) {
        try (ResultSet r = statement.executeQuery("SELECT count(*) FROM platform." + table)) {
          r.next();
          rows.put(table, r.getLong(1));
        }
      }
      try (ResultSet r = statement.executeQuery("SELECT pg_database_size(current_database())")) {
        r.next();
        rows.put("database size (MB)", r.getLong(1) / (1024 * 1024));
      }
    }
    return rows;
  }

  static Connection connect(DatabaseSettings settings) throws SQLException {
    Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.ownerUser(), settings.ownerPassword());
    connection.setAutoCommit(false);
    return connection;
  }

  private static long since(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  static Options parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Options: --scale, --seed, --out, --threads, --departements, --tenants, --plugins, --db-url, "
            + "--db-user, --db-password, --db-app-user, --db-app-password (each followed by its value); not " + args[i]);
      }
      given.put(args[i].substring(2), args[++i]);
    }
    Optional<PacteConfig.ExternalDatabase> database = Optional.ofNullable(given.get("db-url"))
        .map(url -> new PacteConfig.ExternalDatabase(url, given.getOrDefault("db-user", "postgres"),
            given.getOrDefault("db-password", ""), given.getOrDefault("db-app-user", "pacte_app"),
            given.getOrDefault("db-app-password", "")));
    return new Options(Long.parseLong(given.getOrDefault("seed", "17")), Double.parseDouble(given.getOrDefault("scale", "1.0")),
        Path.of(given.getOrDefault("out", "bench/target/national")).toAbsolutePath(),
        Path.of(given.getOrDefault("tenants", "tenants")).toAbsolutePath(),
        Path.of(given.getOrDefault("plugins", "plugins")).toAbsolutePath(),
        Integer.parseInt(given.getOrDefault("threads", "2")), database,
        given.containsKey("departements") ? Set.of(given.get("departements").split(",")) : Set.of());
  }
}
