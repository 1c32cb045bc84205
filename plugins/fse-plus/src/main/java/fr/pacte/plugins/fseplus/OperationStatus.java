package fr.pacte.plugins.fseplus;

/**
 * Where an operation stands in the workflow of Ma démarche FSE+: application, admissibility, instruction, programming
 * by the committee, convention (and its amendments), on-site visits, execution reports, service-done checks, payment.
 * An operation moves forward, one or several steps at a time; an amendment or a visit may come back after an
 * execution report, so those two may follow any step after the convention.
 */
enum OperationStatus {
  APPLICATION("application", "Demande déposée"),
  ADMISSIBILITY("admissibility", "Recevabilité"),
  INSTRUCTION("instruction", "Instruction"),
  PROGRAMMED("programmed", "Programmée par le comité"),
  CONVENTION("convention", "Conventionnée"),
  AMENDMENT("amendment", "Avenant"),
  ON_SITE_VISIT("on-site-visit", "Visite sur place"),
  EXECUTION_REPORT("execution-report", "Bilan d'exécution"),
  SERVICE_DONE_CHECK("service-done-check", "Contrôle de service fait"),
  PAID("paid", "Payée");

  final String code;
  final String label;

  OperationStatus(String code, String label) {
    this.code = code;
    this.label = label;
  }

  static OperationStatus of(String code) {
    for (OperationStatus status : values()) {
      if (status.code.equals(code)) {
        return status;
      }
    }
    return null;
  }

  boolean mayMoveTo(OperationStatus next) {
    if (next == this || this == PAID) {
      return false;
    }
    boolean loop = (next == AMENDMENT || next == ON_SITE_VISIT) && ordinal() >= CONVENTION.ordinal();
    return next.ordinal() > ordinal() || loop;
  }
}
