package fr.pacte.plugins.fseplus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperationStatusTest {

  @Test
  void anOperationMovesForwardThroughMaDemarcheFseAndAmendmentsOrVisitsMayComeBackAfterTheConvention() {
    assertTrue(OperationStatus.APPLICATION.mayMoveTo(OperationStatus.ADMISSIBILITY));
    assertTrue(OperationStatus.INSTRUCTION.mayMoveTo(OperationStatus.CONVENTION));
    assertFalse(OperationStatus.PROGRAMMED.mayMoveTo(OperationStatus.INSTRUCTION));
    assertTrue(OperationStatus.EXECUTION_REPORT.mayMoveTo(OperationStatus.AMENDMENT));
    assertFalse(OperationStatus.INSTRUCTION.mayMoveTo(OperationStatus.APPLICATION));
    assertFalse(OperationStatus.PAID.mayMoveTo(OperationStatus.ON_SITE_VISIT));
  }
}
