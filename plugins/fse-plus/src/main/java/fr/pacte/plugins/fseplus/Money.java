package fr.pacte.plugins.fseplus;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/** Euro amounts held in cents, printed the French way ("12 345,67 €"). */
final class Money {

  private Money() {
  }

  static String euros(long cents) {
    NumberFormat format = NumberFormat.getNumberInstance(Locale.FRANCE);
    format.setMinimumFractionDigits(2);
    format.setMaximumFractionDigits(2);
    return format.format(BigDecimal.valueOf(cents, 2)).replace('\u202f', ' ').replace('\u00a0', ' ') + " €";
  }
}
