package fr.pacte.server.identity;

import fr.pacte.api.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a route lets one do, and the roles that may: the one table of rights of the host. Routes name a permission
 * ({@code access.to(Permission.MANAGE_MODULES)}); {@link Access} decides. Scopes (territories, organisation)
 * narrow the data afterwards, in {@link Access#requireTerritory} and {@link Access#requireOrganisation}.
 */
public enum Permission {

  /** Create tenants, see installed plugins across the platform. */
  OPERATE_PLATFORM(EnumSet.of(Role.PLATFORM_OPERATOR)),
  /** Any page or read of the tenant meant for its signed-in users (home, action types, own account). */
  USE_TENANT(all()),
  VIEW_MODULES(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.AUDITOR)),
  MANAGE_MODULES(EnumSet.of(Role.TENANT_ADMINISTRATOR)),
  READ_AUDIT(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.AUDITOR)),
  MANAGE_USERS(EnumSet.of(Role.TENANT_ADMINISTRATOR)),
  /** Référentiels, programmes and needs are the département's published policy: every tenant role reads them. */
  READ_POLICY(all()),
  MANAGE_REFERENTIALS(EnumSet.of(Role.TENANT_ADMINISTRATOR)),
  EDIT_PROGRAMMES(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER)),
  /** Territory agents edit the roadmap of their own territories only (checked on the data). */
  EDIT_ROADMAPS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT)),
  /** Instruction of applications: admissibility, reviewers, the Département's side of the thread, consolidation,
   *  selection proposal and the committee's decision. */
  INSTRUCT_APPLICATIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER)),
  /** Reviewers' sheets: the programme manager, administrators and auditors; a reviewer their own (checked on the data). */
  READ_REVIEWS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.AUDITOR, Role.REVIEWER)),
  /** Scoring the projects one is assigned to (checked on the data). */
  SCORE_APPLICATIONS(EnumSet.of(Role.REVIEWER, Role.PROGRAMME_MANAGER)),
  /** An application's thread, admissibility and decision: staff, territory agents of its territories and operators
   *  of its organisations (checked on the data). */
  FOLLOW_APPLICATIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.REVIEWER,
      Role.AUDITOR, Role.OPERATOR)),
  /** Writing in an application's thread: the Département and the applicant (checked on the data). */
  WRITE_MESSAGES(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.OPERATOR)),
  /** Ranking, selection proposal and decision of a call: the staff who instruct, and auditors. */
  READ_SELECTION(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.AUDITOR)),
  /** Operators read their own organisation only (checked on the data). */
  READ_ORGANISATIONS(all()),
  /** Operators edit their own organisation and its documents only (checked on the data). */
  EDIT_ORGANISATIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.OPERATOR)),
  READ_OFFER(all()),
  EDIT_OFFER(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER)),
  /** Published calls for projects are read by every tenant role; drafts by those who manage calls only. */
  READ_CALLS(all()),
  MANAGE_CALLS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER)),
  /** Operators read their own organisation's conventions, territory agents those of their territories (checked on the data). */
  READ_CONVENTIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.OPERATOR,
      Role.AUDITOR)),
  MANAGE_CONVENTIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER)),
  /** Operators answer calls for their own organisation (and the groupements it belongs to), checked on the data. */
  APPLY_TO_CALLS(EnumSet.of(Role.OPERATOR)),
  /**
   * Applications are read by the département's staff who instruct or oversee them (territory agents those covering
   * their territories) and by operators (their own organisation's only), checked on the data.
   */
  READ_APPLICATIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.REVIEWER,
      Role.AUDITOR, Role.OPERATOR)),
  /** People and their orientations, narrowed to the caller's reach (territory, organisation, référent) on the data. */
  READ_PEOPLE(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.REFERENT,
      Role.OPERATOR, Role.AUDITOR)),
  /** Enter people and position them on actions (prescribers). */
  ORIENT_PEOPLE(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.REFERENT,
      Role.OPERATOR)),
  /** Accept, refuse, follow, renew and exit participations; plan workshops (operators on their own items only). */
  DECIDE_ORIENTATIONS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.OPERATOR)),
  /** The log of reads of personal data. */
  READ_PERSONAL_DATA_LOG(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.AUDITOR)),
  /** Export the list of people with their names (with a stated reason, audited); others export it pseudonymised. */
  EXPORT_IDENTIFIED_PEOPLE(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.REFERENT)),
  /** Pseudonymise a person on request, set the retention. */
  MANAGE_PERSONAL_DATA(EnumSet.of(Role.TENANT_ADMINISTRATOR)),
  /** The tenant's outgoing e-mails, which name people: administrators and auditors. */
  READ_MAILS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.AUDITOR)),
  /** Monthly reports and yearly evaluations: operators their own organisation's, territory agents their territories'
   *  (checked on the data). */
  READ_REPORTS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.OPERATOR,
      Role.AUDITOR)),
  /** Reconcile and submit a monthly report, complete and send a yearly evaluation (operators their own). */
  SUBMIT_REPORTS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.OPERATOR)),
  /** Validate a submitted report of one's territory. */
  VALIDATE_REPORTS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT)),
  /** The direction: approve, lock and reopen reports, set their due day, record the comité de pilotage. */
  APPROVE_REPORTS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER)),
  /** Indicators and dashboards, narrowed to the caller's territories or organisation on the data. */
  READ_INDICATORS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER, Role.TERRITORY_AGENT, Role.AUDITOR,
      Role.OPERATOR)),
  /** Enter the indicators' values and targets the data cannot give, with their source. */
  ENTER_INDICATORS(EnumSet.of(Role.TENANT_ADMINISTRATOR, Role.PROGRAMME_MANAGER));

  private final Set<Role> roles;

  Permission(Set<Role> roles) {
    this.roles = Set.copyOf(roles);
  }

  public Set<Role> roles() {
    return roles;
  }

  /** True for a permission held on the platform rather than in a tenant. */
  public boolean isPlatform() {
    return roles.stream().allMatch(Role::isPlatformRole);
  }

  private static Set<Role> all() {
    return EnumSet.copyOf(Role.tenantRoles());
  }
}
