package fr.pacte.tests.conventions;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import fr.pacte.testkit.NoSkipUnderCi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Under CI a skipped test fails the build, unless it names an absent optional component (Docker); elsewhere a test
 * may skip. Runs sample classes (nested, so the build does not run them by themselves) the way the build runs tests:
 * the test kit's extension found through META-INF/services.
 */
class NoSkipUnderCiTest {

  @Test
  void underCiASkippedTestFails() {
    run(Skipping.class, true).assertThatEvents().haveExactly(1, event(test("chromiumMissing"),
        finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.contains("Chromium is missing")))));
  }

  @Test
  void underCiATestMaySkipOnlyForAMissingDocker() {
    run(Skipping.class, true).assertThatEvents().haveExactly(1, event(test("dockerMissing"),
        abortedWithReason(instanceOf(TestAbortedException.class))));
  }

  @Test
  void underCiASkipInBeforeAllFailsTheClassToo() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SkippingBeforeAll.class))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .configurationParameter(NoSkipUnderCi.CI_PARAMETER, "true").execute().containerEvents();
    events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(AssertionFailedError.class))));
  }

  @Test
  void underCiJunitsOwnConditionsAreSwitchedOffSoADisabledTestRuns() {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(DisabledSample.class))
        .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*").execute().testEvents();
    events.assertStatistics(stats -> stats.skipped(0).succeeded(1));
  }

  @Test
  void outsideCiATestMaySkip() {
    run(Skipping.class, false).assertStatistics(stats -> stats.aborted(2).failed(0));
  }

  private static Events run(Class<?> sample, boolean ci) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .configurationParameter(NoSkipUnderCi.CI_PARAMETER, Boolean.toString(ci)).execute().testEvents();
  }

  static class Skipping {

    @Test
    void chromiumMissing() {
      Assumptions.assumeTrue(false, "Chromium is missing");
    }

    @Test
    void dockerMissing() {
      Assumptions.assumeTrue(false, "Docker is not running");
    }
  }

  static class SkippingBeforeAll {

    @BeforeAll
    static void needsSomething() {
      Assumptions.assumeTrue(false, "a service is missing");
    }

    @Test
    void anything() {
    }
  }

  static class DisabledSample {

    @Test
    @Disabled("for the sample")
    void disabled() {
    }
  }
}
