package fr.pacte.server.config;

/** A YAML file that does not say what Pacte expects, with the place and the expectation, in French. */
public final class YamlFileException extends RuntimeException {

  private final String file;
  private final int line;
  private final String field;
  private final String expected;

  public YamlFileException(String file, int line, String field, String expected) {
    this(file, line, 0, field, expected);
  }

  /** Same, with the column too (from 1; 0 when unknown). */
  public YamlFileException(String file, int line, int column, String field, String expected) {
    super(file + ", ligne " + line + (column > 0 ? ", colonne " + column : "")
        + (field == null || field.isEmpty() ? "" : ", champ « " + field + " »") + " : " + expected);
    this.file = file;
    this.line = line;
    this.field = field;
    this.expected = expected;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }

  public String expected() {
    return expected;
  }
}
