package fr.pacte.server.text;

import java.util.Optional;

/**
 * A closed choice kept by its code (in the database and the API) and shown to people by its French label: the states
 * of a call, an application, a convention, an orientation or a report, a budget line's status, a committee's decision.
 */
public interface Coded {

  String code();

  String label();

  /** The value of {@code type} whose code is {@code code}, if there is one. */
  static <E extends Enum<E> & Coded> Optional<E> find(Class<E> type, String code) {
    for (E value : type.getEnumConstants()) {
      if (value.code().equals(code)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The value of {@code type} whose code is {@code code}: any other code is an error of the data or the code. */
  static <E extends Enum<E> & Coded> E of(Class<E> type, String code) {
    return find(type, code).orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName() + " " + code));
  }
}
