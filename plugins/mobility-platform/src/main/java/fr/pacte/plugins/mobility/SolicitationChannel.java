package fr.pacte.plugins.mobility;

import java.util.Locale;

/** How a sollicitation reached the platform. The code is what is stored; the label is what people read. */
public enum SolicitationChannel {
  ACCUEIL_PHYSIQUE("accueil_physique", "Accueil physique"),
  TELEPHONE("telephone", "Téléphone"),
  MAIL("mail", "Mail"),
  PARTENAIRE("partenaire", "Partenaire");

  private final String code;
  private final String label;

  SolicitationChannel(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Accepts the code or the French label, whatever the case, since API clients will type either. */
  public static SolicitationChannel parse(String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (SolicitationChannel channel : values()) {
      if (channel.code.equals(wanted) || channel.label.toLowerCase(Locale.ROOT).equals(wanted)) {
        return channel;
      }
    }
    return null;
  }

  /** The label of a stored code; an unknown code is shown as is rather than hidden. */
  public static String labelOf(String code) {
    if (code == null) {
      return null;
    }
    SolicitationChannel channel = parse(code);
    return channel == null ? code : channel.label;
  }
}
