package fr.pacte.testkit;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Under CI a skipped test is a failed one: CI installs everything the tests need, so a skip there would hide a broken
 * part. The one exception is a skip whose reason names an optional component CI may lack (Docker).
 *
 * <p>Registered for every test that has the test kit on its class path (through {@code META-INF/services}, with
 * {@code junit.jupiter.extensions.autodetection.enabled=true} set by the build). CI is the environment variable
 * {@code CI=true}, or the configuration parameter {@value #CI_PARAMETER} (which tests of this rule use).
 * Tests disabled by JUnit's own conditions ({@code @Disabled}…) are run under CI instead: the build deactivates
 * those conditions there.
 */
public final class NoSkipUnderCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  /** Configuration parameter that says whether this run is CI's, over the environment variable {@code CI}. */
  public static final String CI_PARAMETER = "pacte.ci";

  /** Optional components whose absence may still skip a test under CI. */
  private static final String[] OPTIONAL_COMPONENTS = {"docker"};

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
    throw judged(context, error);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
    throw judged(context, error);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
    throw judged(context, error);
  }

  /** Whether this run is CI's. */
  public static boolean ci(ExtensionContext context) {
    return context.getConfigurationParameter(CI_PARAMETER).map(Boolean::parseBoolean).orElseGet(NoSkipUnderCi::ciEnvironment);
  }

  /** Whether the environment says CI ({@code CI=true}), for helpers that run outside an extension. */
  public static boolean ciEnvironment() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Whether a skip's reason names a component CI may lack. */
  public static boolean namesOptionalComponent(String reason) {
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    for (String component : OPTIONAL_COMPONENTS) {
      if (lower.contains(component)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable judged(ExtensionContext context, Throwable error) {
    if (error instanceof TestAbortedException && ci(context) && !namesOptionalComponent(error.getMessage())) {
      return new AssertionFailedError("skipped under CI, where every test runs (only a missing Docker may skip it): "
          + error.getMessage(), error);
    }
    return error;
  }
}
