package fr.pacte.bench.national;

import fr.pacte.server.referentials.NationalReferentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The operators' monthly reports, one per offer item, territory and month of the three years (36 each), made in one
 * statement from the indicator facts once they are counted, with the lines the platform prefills (people positioned,
 * file active, entries and exits, exits by type, workshops). Reports up to September 2026 are locked, October's
 * validated by the territory, November's submitted, December's a draft.
 */
final class MonthlyReports {

  private MonthlyReports() {
  }

  /** Writes the reports of these offer items (the generated ones) of these tenants. */
  static long write(Connection connection, List<String> tenants, List<java.util.UUID> items) throws SQLException {
    String exitTypes = NationalReferentials.load().kind("exit-types").orElseThrow().entries().stream()
        .map(e -> "('" + e.code() + "', '" + e.label().replace("'", "''") + "')").collect(Collectors.joining(", "));
    exitTypes = exitTypes.isEmpty() ? "('autre', 'Autre motif')" : exitTypes;
    String sql = """
        WITH months AS (
          SELECT generate_series(date '2024-01-01', date '2026-12-01', interval '1 month')::date AS month),
        exit_types (code, label) AS (VALUES %s),
        ordered_exit_types AS (SELECT code, label, row_number() OVER () AS ordinality FROM exit_types),
        places AS (
          SELECT o.tenant_id, o.id AS offer_id, p.territory, o.organisation_id, o.action_type, o.title,
                 (SELECT c.id FROM platform.convention c WHERE c.tenant_id = o.tenant_id AND c.offer_id = o.id LIMIT 1) AS convention_id
            FROM platform.offer_item o JOIN platform.offer_place p ON p.tenant_id = o.tenant_id AND p.offer_id = o.id
           WHERE o.tenant_id = ANY (?) AND o.id = ANY (?)),
        facts AS (
          SELECT tenant_id, offer_id, territory, month, sum(orientations) AS positioned, sum(entries) AS entries,
                 sum(exits) AS exits, sum(exit_days) AS exit_days, sum(sessions) AS sessions, sum(present) AS presences
            FROM platform.pathway_fact WHERE tenant_id = ANY (?) GROUP BY 1, 2, 3, 4),
        participants AS (
          SELECT s.tenant_id, s.offer_id, s.territory, date_trunc('month', s.starts_at)::date AS month,
                 count(DISTINCT a.person_id) AS participants
            FROM platform.workshop_session s JOIN platform.workshop_attendance a ON a.tenant_id = s.tenant_id
             AND a.session_id = s.id AND a.status = 'present'
           WHERE s.tenant_id = ANY (?) GROUP BY 1, 2, 3, 4),
        exits_by_type AS (
          SELECT tenant_id, offer_id, territory, month, jsonb_object_agg(exit_type, exits) AS by_type
            FROM (SELECT tenant_id, offer_id, territory, month, exit_type, sum(exits) AS exits
                    FROM platform.pathway_exit_fact WHERE tenant_id = ANY (?) GROUP BY 1, 2, 3, 4, 5) x
           GROUP BY 1, 2, 3, 4),
        grid AS (
          SELECT p.*, m.month, coalesce(f.positioned, 0) AS positioned, coalesce(f.entries, 0) AS entries,
                 coalesce(f.exits, 0) AS exits, coalesce(f.exit_days, 0) AS exit_days, coalesce(f.sessions, 0) AS sessions,
                 coalesce(f.presences, 0) AS presences, coalesce(w.participants, 0) AS participants,
                 coalesce(x.by_type, '{}'::jsonb) AS by_type,
                 sum(coalesce(f.entries, 0) - coalesce(f.exits, 0)) OVER running AS active_end
            FROM places p CROSS JOIN months m
            LEFT JOIN facts f ON f.tenant_id = p.tenant_id AND f.offer_id = p.offer_id AND f.territory = p.territory
             AND f.month = m.month
            LEFT JOIN participants w ON w.tenant_id = p.tenant_id AND w.offer_id = p.offer_id
             AND w.territory = p.territory AND w.month = m.month
            LEFT JOIN exits_by_type x ON x.tenant_id = p.tenant_id AND x.offer_id = p.offer_id
             AND x.territory = p.territory AND x.month = m.month
          WINDOW running AS (PARTITION BY p.tenant_id, p.offer_id, p.territory ORDER BY m.month)),
        reports AS (
          SELECT g.*, least(g.month + interval '1 month' + interval '29 days',
                            g.month + interval '2 months' - interval '1 day')::date AS due_on,
                 CASE WHEN g.month <= date '2026-09-01' THEN 'locked' WHEN g.month = date '2026-10-01' THEN 'validated'
                      WHEN g.month = date '2026-11-01' THEN 'submitted' ELSE 'draft' END AS state
            FROM grid g)
        INSERT INTO platform.monthly_report (tenant_id, offer_id, territory, organisation_id, action_type, title,
            convention_id, month, due_on, state, lines, prefilled_at, submitted_at, submitted_by, validated_at, validated_by,
            approved_at, approved_by, locked_at, created_at, updated_at)
        SELECT r.tenant_id, r.offer_id, r.territory, r.organisation_id, r.action_type, r.title, r.convention_id, r.month,
               r.due_on, r.state,
               jsonb_build_array(
                 %s, %s, %s, %s, %s, %s)
               || (SELECT jsonb_agg(%s ORDER BY t.ordinality)
                     FROM ordered_exit_types t)
               || CASE WHEN r.action_type IN ('remobilisation-sociale', 'preparation-emploi') THEN jsonb_build_array(
                 %s, %s, %s, %s) ELSE '[]'::jsonb END,
               r.due_on - 25,
               CASE WHEN r.state <> 'draft' THEN r.due_on - 3 END, CASE WHEN r.state <> 'draft' THEN 'association' END,
               CASE WHEN r.state IN ('validated', 'locked') THEN r.due_on + 5 END,
               CASE WHEN r.state IN ('validated', 'locked') THEN 'agent.' || r.territory END,
               CASE WHEN r.state = 'locked' THEN r.due_on + 12 END, CASE WHEN r.state = 'locked' THEN 'pilotage' END,
               CASE WHEN r.state = 'locked' THEN r.due_on + 15 END,
               r.due_on - 25, r.due_on
          FROM reports r
        ON CONFLICT (tenant_id, offer_id, territory, month) DO NOTHING
        """.formatted(exitTypes,
        line("'positioned'", "Publics positionnés", "'Personnes positionnées sur l''action dans le mois'", "r.positioned"),
        line("'file-active-start'", "Suivi de la file active", "'File active au début du mois'",
            "r.active_end - r.entries + r.exits"),
        line("'entries'", "Suivi de la file active", "'Entrées dans le mois'", "r.entries"),
        line("'exits'", "Suivi de la file active", "'Sorties dans le mois'", "r.exits"),
        line("'file-active-end'", "Suivi de la file active", "'File active à la fin du mois'", "r.active_end"),
        line("'exited-length-days'", "Durée de l'action", "'Durée moyenne des parcours sortis dans le mois (jours)'",
            "CASE WHEN r.exits = 0 THEN 0 ELSE round(r.exit_days::numeric / r.exits, 1) END"),
        line("'exit.' || t.code", "Typologie des sorties", "t.label", "coalesce((r.by_type ->> t.code)::integer, 0)"),
        line("'sessions'", "Ateliers collectifs", "'Séances tenues dans le mois'", "r.sessions"),
        line("'participants'", "Ateliers collectifs", "'Participants distincts (présents)'", "r.participants"),
        line("'participants-per-session'", "Ateliers collectifs", "'Participants par séance (moyenne)'",
            "CASE WHEN r.sessions = 0 THEN 0 ELSE round(r.presences::numeric / r.sessions, 1) END"),
        line("'sessions-per-participant'", "Ateliers collectifs", "'Séances par participant (moyenne)'",
            "CASE WHEN r.participants = 0 THEN 0 ELSE round(r.presences::numeric / r.participants, 1) END"));
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      java.sql.Array slugs = connection.createArrayOf("text", tenants.toArray());
      insert.setArray(1, slugs);
      insert.setArray(2, connection.createArrayOf("uuid", items.toArray()));
      insert.setArray(3, slugs);
      insert.setArray(4, slugs);
      insert.setArray(5, slugs);
      return insert.executeUpdate();
    }
  }

  /** One line of a report as the platform stores it: prefilled and reported alike, no comment. */
  private static String line(String code, String section, String label, String value) {
    return "jsonb_build_object('code', " + code + ", 'section', '" + section.replace("'", "''") + "', 'label', " + label
        + ", 'prefilled', " + value + ", 'value', " + value + ", 'comment', '', 'corrected', false)";
  }
}
