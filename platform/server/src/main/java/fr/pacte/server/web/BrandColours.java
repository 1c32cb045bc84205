package fr.pacte.server.web;

/** Picks the text colour that keeps a tenant's banner readable (WCAG 2.1 contrast ratio). */
public final class BrandColours {

  private static final String WHITE = "#ffffff";
  private static final String DARK = "#1e1e1e";

  private BrandColours() {
  }

  /** White or near-black, whichever contrasts more with {@code background} ({@code #rrggbb}). */
  public static String readableTextOn(String background) {
    double luminance = luminance(background);
    double withWhite = (1.05) / (luminance + 0.05);
    double withDark = (luminance + 0.05) / (luminance(DARK) + 0.05);
    return withWhite >= withDark ? WHITE : DARK;
  }

  /** Whether white or near-black text on {@code background} reaches the WCAG AA ratio of 4.5:1. */
  public static boolean allowsReadableText(String background) {
    return contrast(background, readableTextOn(background)) >= 4.5;
  }

  /** Contrast ratio between two colours, from 1 to 21. */
  public static double contrast(String first, String second) {
    double a = luminance(first);
    double b = luminance(second);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  static double luminance(String colour) {
    int rgb = Integer.parseInt(colour.substring(1), 16);
    return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) + 0.0722 * channel(rgb & 0xff);
  }

  private static double channel(int value) {
    double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
