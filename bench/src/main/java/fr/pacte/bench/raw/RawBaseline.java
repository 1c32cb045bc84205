package fr.pacte.bench.raw;

import fr.pacte.server.identity.PasswordHasher;
import fr.pacte.server.identity.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The physical limit of this stack on this machine: a minimal Vert.x HTTP server with vertx-pg-client that answers
 * the benchmark's routes at the same addresses by sending PostgreSQL exactly the SQL Pacte sends for them (read from
 * Pacte's stores and from PostgreSQL's statement log of one request each), in the same transactions, as the same
 * application role, with the tenant bound for row-level security the way {@code TenantTransactions} binds it. It
 * keeps only what cannot be skipped: the session look-up, the version check of a write, the audit row, the Argon2id
 * check of a login. It skips routing by permission, input checking, templates and problem documents: it answers the
 * rows as JSON. Pacte ÷ raw is then what the platform costs over the database work.
 */
public final class RawBaseline implements AutoCloseable {

  private static final String BIND_TENANT = "SELECT set_config('pacte.tenant_id', $1, true)";
  private static final String FIND_SESSION = """
      SELECT provider, subject, username, display_name, roles, territories, organisation, id_token,
        last_seen_at < now() - interval '1 minute' AS stale
      FROM platform.web_session WHERE token_hash = $1 AND expires_at > now()""";
  private static final String TOUCH_SESSION = """
      UPDATE platform.web_session SET last_seen_at = now(),
        expires_at = least(created_at + make_interval(secs => $2), now() + make_interval(secs => $3))
      WHERE token_hash = $1 AND last_seen_at < now() - interval '1 minute'""";
  private static final String OFFER_COLUMNS = """
      SELECT i.id, i.action_type, i.organisation_id, o.name AS organisation_name, i.title, i.description, i.period_start,
             i.period_end, i.schedule, i.funders, i.programme_action, i.thematiques, i.publics, i.contact_email,
             i.contact_phone, i.location, i.version, i.updated_at,
             coalesce((SELECT json_agg(json_build_object('territory', p.territory, 'capacity', p.capacity, 'taken', p.taken)
                                       ORDER BY p.territory)
                       FROM platform.offer_place p WHERE p.tenant_id = i.tenant_id AND p.offer_id = i.id), '[]'::json) AS places
      FROM platform.offer_item i
      JOIN platform.organisation o ON o.tenant_id = i.tenant_id AND o.id = i.organisation_id
      """;
  private static final String OFFER_ONE = OFFER_COLUMNS + " WHERE i.id = $1";
  private static final String OFFER_SEARCH = OFFER_COLUMNS + """
      WHERE i.action_type = ANY($1)
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM platform.offer_place p
                                         WHERE p.tenant_id = i.tenant_id AND p.offer_id = i.id AND p.territory = $2))
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(i.thematiques) t WHERE t = $3 OR t LIKE $3 || '--%'))
        AND ($4::text IS NULL OR $4 = ANY (i.publics))
        AND ($5::date IS NULL OR i.period_end >= $5)
        AND ($6::text IS NULL OR i.organisation_id = $6)
      ORDER BY lower(i.title), i.id""";
  private static final String PERSON = """
      SELECT p.id, p.family_name, p.first_names, p.birth_date, p.commune, p.territory, p.email, p.phone, p.rsa_recipient,
      p.rsa_checked_on, p.iae_eligible, p.referent_username, p.referent_name, p.referent_organisation_kind,
      p.referent_organisation, p.caf_number, p.france_travail_id, p.pseudonymised_at, p.version FROM platform.person p WHERE p.id = $4 AND ($1::text[] IS NULL OR p.territory = ANY($1)
         OR EXISTS (SELECT 1 FROM platform.orientation o WHERE o.tenant_id = p.tenant_id AND o.person_id = p.id
                    AND o.territory = ANY($1)))
      AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM platform.orientation o WHERE o.tenant_id = p.tenant_id
                    AND o.person_id = p.id AND o.organisation_id = $2))
      AND ($3::text IS NULL OR p.referent_username = $3)""";
  private static final String PLACE = "SELECT capacity FROM platform.offer_place WHERE offer_id = $1 AND territory = $2";
  private static final String COUNTS = """
      SELECT count(*) FILTER (WHERE state IN ('proposed', 'in')) AS held,
             count(*) FILTER (WHERE state = 'in') AS entered,
             count(*) FILTER (WHERE state = 'waiting') AS waiting,
             count(*) FILTER (WHERE state IN ('proposed', 'in') AND rsa_recipient) AS rsa_held
      FROM platform.orientation WHERE offer_id = $1 AND territory = $2 AND state IN ('proposed', 'in', 'waiting')""";
  private static final String ORIENTATION = """
      SELECT o.id, o.person_id, p.family_name, p.first_names, o.offer_id, coalesce(i.title, '(offre supprimée)') AS offer_title,
      o.territory, o.action_type, o.organisation_id, o.state, o.prescriber, o.prescriber_name, o.prescriber_kind,
      o.rsa_recipient, o.eligibility_note, o.entry_date, o.planned_end, o.refusal_reason, o.refusal_comment, o.exit_date,
      o.exit_type, o.exit_outcomes, o.exit_comment, o.renewals, o.fields, o.note_for_referent, o.version,
      CASE WHEN o.state = 'waiting' THEN (SELECT count(*) FROM platform.orientation w
           WHERE w.tenant_id = o.tenant_id AND w.offer_id = o.offer_id AND w.territory = o.territory
             AND w.state = 'waiting' AND (w.queued_at, w.id) <= (o.queued_at, o.id)) ELSE 0 END AS waiting_rank FROM platform.orientation o
      JOIN platform.person p ON p.tenant_id = o.tenant_id AND p.id = o.person_id
      LEFT JOIN platform.offer_item i ON i.tenant_id = o.tenant_id AND i.id = o.offer_id WHERE o.id = $1""";
  private static final String LOCK_ORIENTATION =
      "SELECT version, state, offer_id, territory FROM platform.orientation WHERE id = $1 FOR UPDATE";
  private static final String FIELDS = """
      UPDATE platform.orientation SET fields = $2, note_for_referent = coalesce($3, note_for_referent), version = version + 1,
        updated_at = now() WHERE id = $1""";
  private static final String AUDIT = """
      INSERT INTO platform.audit_event (tenant_id, actor, action, target, details, request_id)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String REPORT_COLUMNS = """
      SELECT r.id, r.offer_id, r.territory, r.organisation_id, o.name AS organisation_name, r.action_type, r.title,
      r.convention_id, r.month, r.due_on, r.state, r.lines, r.comment, r.submitted_at, r.submitted_by, r.validated_at,
      r.validated_by, r.approved_at, r.approved_by, r.locked_at, r.reopen_reason, r.version
      FROM platform.monthly_report r
      JOIN platform.organisation o ON o.tenant_id = r.tenant_id AND o.id = r.organisation_id
      """;
  private static final String LOCK_REPORT = REPORT_COLUMNS + " WHERE r.id = $1 FOR UPDATE OF r";
  private static final String REPORT = REPORT_COLUMNS + " WHERE r.id = $1";
  private static final String SAVE_REPORT = """
      UPDATE platform.monthly_report SET lines = $2, comment = $3, version = version + 1, updated_at = now()
      WHERE id = $1""";
  private static final String NOTIFY = "SELECT pg_notify($1, $2)";
  private static final String TERRITORIES = "SELECT layer, code, name, valid_from, valid_to FROM platform.territory ORDER BY layer, position, name";
  private static final String OVERRIDES = """
      SELECT kind, code, label, description, version, changed_by, changed_at FROM platform.referential_override
      ORDER BY kind, code""";
  private static final String FILTERS = """
       WHERE tenant_id = $1 AND month <= $6 AND ($2::text[] IS NULL OR action_type = ANY($2))
      AND ($3::text[] IS NULL OR territory = ANY($3))
      AND ($4::text IS NULL OR organisation_id = $4)
      AND ($5::uuid[] IS NULL OR offer_id = ANY($5))""";
  private static final List<String> DASHBOARD = List.of(
      """
      SELECT action_type, month, sum(orientations)::int AS orientations, sum(entries)::int AS entries,
             sum(exits)::int AS exits, sum(exit_days)::bigint AS exit_days, sum(waiting_joined - waiting_left)::int AS waiting,
             sum(sessions)::int AS sessions, sum(registered)::int AS registered, sum(present)::int AS present,
             sum(absent)::int AS absent, sum(excused)::int AS excused
        FROM platform.pathway_fact""" + FILTERS + "\nGROUP BY action_type, month ORDER BY month",
      """
      SELECT month, exit_type, sum(exits)::int AS exits
        FROM platform.pathway_exit_fact""" + FILTERS + "\nGROUP BY month, exit_type HAVING sum(exits) <> 0 ORDER BY month, exit_type",
      """
      SELECT i.action_type, p.territory, i.period_start, i.period_end, p.capacity
        FROM platform.offer_item i JOIN platform.offer_place p ON p.tenant_id = i.tenant_id AND p.offer_id = i.id
       WHERE i.tenant_id = $1
         AND ($2::text[] IS NULL OR i.action_type = ANY($2))
         AND ($3::text[] IS NULL OR p.territory = ANY($3))
         AND ($4::text IS NULL OR i.organisation_id = $4)
         AND ($5::uuid[] IS NULL OR i.id = ANY($5))""",
      """
      SELECT c.action_type, c.period_start, (o ->> 'year')::int AS year, o ->> 'territory' AS territory,
             (o ->> 'target')::int AS target
        FROM platform.convention c, jsonb_array_elements(c.terms -> 'objectives') o
       WHERE c.tenant_id = $1 AND c.state IN ('signed', 'running', 'ended')
         AND ($2::text[] IS NULL OR c.action_type = ANY($2))
         AND ($3::text[] IS NULL OR o ->> 'territory' = ANY($3))
         AND ($4::text IS NULL OR c.organisation_id = $4)
         AND ($5::uuid[] IS NULL OR c.offer_id = ANY($5))""",
      """
      SELECT action_type, territory, sum(entries - exits)::int AS file_active
        FROM platform.pathway_fact""" + FILTERS + "\nGROUP BY action_type, territory",
      """
      SELECT DISTINCT ON (action_type, territory) action_type, territory, target
        FROM platform.need_target
       WHERE tenant_id = $1
         AND ($2::text[] IS NULL OR action_type = ANY($2))
         AND ($3::text[] IS NULL OR territory = ANY($3))
       ORDER BY action_type, territory, call_code DESC""");
  private static final String OPERATORS =
      "SELECT id, name FROM platform.organisation WHERE tenant_id = $1 AND kind = 'operator' ORDER BY lower(name)";
  private static final String ORGANISATIONS = "SELECT id, kind, name, siret, rna, legal_form, address, legal_representative, "
      + "contacts, territories, version, updated_at FROM platform.organisation ORDER BY lower(name), id";
  private static final String LOGIN_FAILURES = """
      SELECT count(*) FROM platform.login_failure
      WHERE realm = $1 AND key = $2 AND failed_at > now() - make_interval(secs => $3)""";
  private static final String ACCOUNT = """
      SELECT id, tenant_id, username, display_name, email, password_hash, roles, territories, organisation, active,
      must_change_password, demo, version FROM platform.account WHERE username = $1""";
  private static final String FORGET_FAILURES = "DELETE FROM platform.login_failure WHERE realm = $1 AND key = $2";
  private static final String NEW_SESSION = """
      INSERT INTO platform.web_session (token_hash, tenant_id, provider, subject, username, display_name, roles,
        territories, organisation, id_token, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""";
  /** Pacte reads the action types of a tenant's enabled plugins from memory; the raw baseline reads them once. */
  private static final String ACTION_TYPES = "SELECT DISTINCT action_type FROM platform.offer_item ORDER BY 1";

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher = new PasswordHasher();
  private final Map<String, Future<String[]>> actionTypes = new ConcurrentHashMap<>();
  private String deployment;

  /**
   * @param host, port, database where PostgreSQL listens
   * @param user, password the application role Pacte serves requests as (row-level security applies to it)
   * @param poolSize connections, as {@code PACTE_DB_POOL_SIZE}
   */
  public RawBaseline(Vertx vertx, String host, int port, String database, String user, String password, int poolSize) {
    this(vertx, new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
        .setPassword(password), poolSize);
  }

  public RawBaseline(Vertx vertx, PgConnectOptions database, int poolSize) {
    this.vertx = vertx;
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(database.setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(256))
        .using(vertx).build();
  }

  /**
   * Listens on the port (0: a free one) with one HTTP server per event loop, as Pacte does ({@code instances}), and
   * answers the port.
   */
  public int start(int port, int instances) {
    int chosen = port == 0 ? freePort() : port;
    deployment = await(vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setPort(chosen).setHost("127.0.0.1"))
            .requestHandler(router()).listen();
      }
    }, new DeploymentOptions().setInstances(instances)));
    return chosen;
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(1024 * 1024));
    router.get("/health/ready").handler(request -> request.response().end("{\"status\":\"UP\"}"));
    router.get("/api/tenants/:tenant/persons/:id/eligibility").handler(this::capacity);
    router.put("/api/tenants/:tenant/orientations/:id/fields").handler(this::followUp);
    router.put("/api/tenants/:tenant/reports/:id").handler(this::report);
    router.get("/t/:tenant/tableaux-de-bord").handler(this::dashboard);
    router.get("/t/:tenant/offre").handler(this::publicOffer);
    router.get("/api/tenants/:tenant/offer/data-inclusion").handler(this::dataInclusion);
    router.post("/api/tenants/:tenant/session").handler(this::login);
    return router;
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Someone signed in, as the session row says. */
  private record Session(String username, String displayName, List<String> roles, String[] territories,
                         String organisation) {
  }

  private <T> Future<T> inTenant(String tenant, Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(connection -> connection.preparedQuery(BIND_TENANT).execute(Tuple.of(tenant))
        .compose(bound -> work.apply(connection)));
  }

  private Future<Session> session(RoutingContext request, String tenant) {
    var cookie = request.request().getCookie(Sessions.cookieName(tenant));
    if (cookie == null) {
      return Future.failedFuture(new Answer(401));
    }
    byte[] hash = Sessions.hash(cookie.getValue());
    return inTenant(tenant, connection -> connection.preparedQuery(FIND_SESSION).execute(Tuple.of(hash))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new Answer(401));
          }
          Row row = rows.iterator().next();
          Session session = new Session(row.getString("username"), row.getString("display_name"),
              List.of(row.getArrayOfStrings("roles")), row.getArrayOfStrings("territories"), row.getString("organisation"));
          return row.getBoolean("stale")
              ? connection.preparedQuery(TOUCH_SESSION).execute(Tuple.of(hash, 36000, 3600)).map(session)
              : Future.succeededFuture(session);
        }));
  }

  private Future<String[]> actionTypes(String tenant) {
    return actionTypes.computeIfAbsent(tenant, t -> inTenant(t, connection -> connection.query(ACTION_TYPES).execute()
        .map(rows -> {
          String[] types = new String[rows.size()];
          int i = 0;
          for (Row row : rows) {
            types[i++] = row.getString(0);
          }
          return types;
        })));
  }

  private void capacity(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    UUID person = UUID.fromString(request.pathParam("id"));
    UUID offer = UUID.fromString(request.queryParams().get("offer"));
    String territory = request.queryParams().get("territory");
    answer(request, session(request, tenant).compose(who -> inTenant(tenant, connection ->
        connection.preparedQuery(OFFER_ONE).execute(Tuple.of(offer))
            .compose(item -> connection.preparedQuery(PERSON).execute(Tuple.of(
                who.organisation() == null && who.territories().length > 0 ? who.territories() : null,
                who.organisation(), who.roles().contains("referent") && who.organisation() == null
                    && who.territories().length == 0 ? who.username() : null, person)))
            .compose(found -> found.size() == 0 ? Future.failedFuture(new Answer(400))
                : connection.preparedQuery(PLACE).execute(Tuple.of(offer, territory)))
            .compose(place -> connection.preparedQuery(COUNTS).execute(Tuple.of(offer, territory))
                .map(counts -> new JsonObject().put("capacity", place.iterator().next().getValue("capacity"))
                    .put("held", counts.iterator().next().getLong("held"))
                    .put("waiting", counts.iterator().next().getLong("waiting")))))));
  }

  private void followUp(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    UUID id = UUID.fromString(request.pathParam("id"));
    JsonObject body = request.body().asJsonObject();
    int version = body.getInteger("version");
    answer(request, session(request, tenant).compose(who -> inTenant(tenant, connection ->
        connection.preparedQuery(ORIENTATION).execute(Tuple.of(id))
            .compose(one -> connection.preparedQuery(LOCK_ORIENTATION).execute(Tuple.of(id)))
            .compose(locked -> {
              Row row = locked.iterator().next();
              if (row.getInteger("version") != version) {
                return Future.failedFuture(new Answer(409));
              }
              return connection.preparedQuery(ORIENTATION).execute(Tuple.of(id))
                  .compose(one -> connection.preparedQuery(FIELDS).execute(Tuple.of(id, body.getJsonObject("fields"),
                      body.getString("note"))))
                  .compose(done -> connection.preparedQuery(AUDIT).execute(Tuple.of(tenant, actor(tenant, who),
                      "orientation.fields-recorded", "orientation:" + id,
                      new JsonObject().put("fields", new JsonArray()).put("version", version + 1), UUID.randomUUID().toString())))
                  .compose(done -> connection.preparedQuery(ORIENTATION).execute(Tuple.of(id)))
                  .compose(one -> connection.preparedQuery(PLACE).execute(Tuple.of(row.getUUID("offer_id"), row.getString("territory"))))
                  .compose(place -> connection.preparedQuery(COUNTS).execute(Tuple.of(row.getUUID("offer_id"), row.getString("territory"))))
                  .map(counts -> new JsonObject().put("id", id.toString()).put("version", version + 1));
            }))));
  }

  private void report(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    UUID id = UUID.fromString(request.pathParam("id"));
    JsonObject body = request.body().asJsonObject();
    int version = body.getInteger("version");
    answer(request, session(request, tenant).compose(who -> inTenant(tenant, connection ->
        connection.preparedQuery(LOCK_REPORT).execute(Tuple.of(id)).compose(locked -> {
          Row row = locked.iterator().next();
          if (row.getInteger("version") != version) {
            return Future.failedFuture(new Answer(409));
          }
          return connection.preparedQuery(SAVE_REPORT).execute(Tuple.of(id, row.getValue("lines"), body.getString("comment")))
              .compose(done -> connection.preparedQuery(AUDIT).execute(Tuple.of(tenant, actor(tenant, who), "report.reconciled",
                  "report:" + id, new JsonObject().put("month", row.getLocalDate("month").toString())
                      .put("offer", row.getUUID("offer_id").toString()).put("version", version + 1)
                      .put("corrected", new JsonArray()).put("territory", row.getString("territory")),
                  UUID.randomUUID().toString())))
              .compose(done -> connection.preparedQuery(NOTIFY).execute(Tuple.of("pacte_signals", new JsonObject()
                  .put("kind", "report").put("tenant", tenant).put("report", id.toString())
                  .put("action", "report.reconciled").encode())))
              .compose(done -> connection.preparedQuery(REPORT).execute(Tuple.of(id)))
              .map(one -> new JsonObject().put("id", id.toString()).put("version", one.iterator().next().getInteger("version")));
        }))));
  }

  private void dashboard(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    LocalDate month = LocalDate.now().withDayOfMonth(1);
    answer(request, session(request, tenant).compose(who -> actionTypes(tenant).compose(types -> {
      String[] territories = who.territories().length == 0 ? null : who.territories();
      Tuple filters = Tuple.of(tenant, types, territories, who.organisation(), null, month);
      return inTenant(tenant, c -> c.query(TERRITORIES).execute())
          .compose(done -> inTenant(tenant, c -> c.query(OVERRIDES).execute()))
          .compose(done -> inTenant(tenant, c -> {
            JsonObject answer = new JsonObject();
            Future<Void> chain = Future.succeededFuture();
            for (int i = 0; i < DASHBOARD.size(); i++) {
              String sql = DASHBOARD.get(i);
              Tuple arguments = i == 2 || i == 3 ? Tuple.of(tenant, types, territories, who.organisation(), null)
                  : i == 5 ? Tuple.of(tenant, types, territories) : filters;
              String name = "q" + i;
              chain = chain.compose(previous -> c.preparedQuery(sql).execute(arguments).map(rows -> {
                answer.put(name, rows(rows));
                return null;
              }));
            }
            return chain.map(answer);
          }))
          .compose(answer -> inTenant(tenant, c -> c.preparedQuery(OPERATORS).execute(Tuple.of(tenant))).map(answer))
          .compose(answer -> inTenant(tenant, c -> c.query(TERRITORIES).execute()).map(answer));
    })));
  }

  private void publicOffer(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    answer(request, actionTypes(tenant).compose(types -> inTenant(tenant, c -> c.query(TERRITORIES).execute()
        .compose(territories -> c.preparedQuery(OFFER_SEARCH).execute(Tuple.of(types, null, null, null, LocalDate.now(), null)))
        .map(items -> new JsonObject().put("items", rows(items))))));
  }

  private void dataInclusion(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    answer(request, actionTypes(tenant).compose(types -> inTenant(tenant, c ->
        c.preparedQuery(OFFER_SEARCH).execute(Tuple.of(types, null, null, null, LocalDate.now(), null))
            .compose(items -> c.query(ORGANISATIONS).execute()
                .compose(organisations -> c.query(TERRITORIES).execute())
                .map(territories -> new JsonObject().put("items", rows(items)))))));
  }

  private void login(RoutingContext request) {
    String tenant = request.pathParam("tenant");
    JsonObject body = request.body().asJsonObject();
    String username = body.getString("username");
    String password = body.getString("password");
    String address = request.request().remoteAddress().hostAddress();
    Future<Row> account = pool.preparedQuery(LOGIN_FAILURES).execute(Tuple.of(tenant, "user:" + username, 900))
        .compose(done -> pool.preparedQuery(LOGIN_FAILURES).execute(Tuple.of(tenant, "address:" + address, 900)))
        .compose(done -> inTenant(tenant, c -> c.preparedQuery(ACCOUNT).execute(Tuple.of(username))))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(new Answer(401)) : Future.succeededFuture(rows.iterator().next()));
    answer(request, account.compose(row -> vertx.executeBlocking(() -> hasher.verify(password, row.getString("password_hash")), false)
        .compose(ok -> {
          if (!ok) {
            return Future.failedFuture(new Answer(401));
          }
          Session who = new Session(username, row.getString("display_name"), List.of(row.getArrayOfStrings("roles")),
              row.getArrayOfStrings("territories"), row.getString("organisation"));
          String token = Sessions.newToken();
          return inTenant(tenant, c -> c.preparedQuery(AUDIT).execute(Tuple.of(tenant, actor(tenant, who), "login.succeeded",
                  "account:" + username, new JsonObject().put("method", "password").put("address", address),
                  UUID.randomUUID().toString())))
              .compose(done -> pool.preparedQuery(FORGET_FAILURES).execute(Tuple.of(tenant, "user:" + username)))
              .compose(done -> inTenant(tenant, c -> c.preparedQuery(NEW_SESSION).execute(Tuple.from(new Object[] {
                  Sessions.hash(token), tenant, "builtin", "builtin:" + row.getValue("id"), username, who.displayName(),
                  who.roles().toArray(String[]::new), who.territories(), who.organisation(), null,
                  OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)}))))
              .map(done -> {
                request.response().putHeader("Set-Cookie", Sessions.cookieName(tenant) + "=" + token + "; Path=/; HttpOnly");
                return new JsonObject().put("username", username);
              });
        })), 201);
  }

  private static String actor(String tenant, Session who) {
    return tenant + ":" + who.username() + " — " + who.displayName();
  }

  private static JsonArray rows(RowSet<Row> rows) {
    JsonArray array = new JsonArray();
    rows.forEach(row -> array.add(row.toJson()));
    return array;
  }

  /** A status to answer instead of the rows. */
  private static final class Answer extends RuntimeException {
    final int status;

    Answer(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  private static void answer(RoutingContext request, Future<JsonObject> result) {
    answer(request, result, 200);
  }

  private static void answer(RoutingContext request, Future<JsonObject> result, int status) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(done.result().encode());
      } else {
        int code = done.cause() instanceof Answer answer ? answer.status : 500;
        request.response().setStatusCode(code).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", code).put("detail", String.valueOf(done.cause().getMessage())).encode());
      }
    });
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (deployment != null) {
      await(vertx.undeploy(deployment));
    }
    await(pool.close());
  }

  /**
   * Runs the raw baseline alone: {@code RawBaseline <http port> <pg host> <pg port> <database> <user> <password file>
   * [pool size]}.
   */
  public static void main(String[] args) throws Exception {
    String password = java.nio.file.Files.readString(java.nio.file.Path.of(args[5])).trim();
    int poolSize = args.length > 6 ? Integer.parseInt(args[6]) : 16;
    Vertx vertx = Vertx.vertx();
    RawBaseline raw = new RawBaseline(vertx, args[1], Integer.parseInt(args[2]), args[3], args[4], password, poolSize);
    int port = raw.start(Integer.parseInt(args[0]), Runtime.getRuntime().availableProcessors());
    System.out.println("Raw baseline listens on http://127.0.0.1:" + port + "/");
  }
}
