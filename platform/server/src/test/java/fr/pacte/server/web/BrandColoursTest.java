package fr.pacte.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrandColoursTest {

  @Test
  void textOnTheBannerKeepsAaContrast() {
    for (String colour : new String[] {"#005a87", "#a4121c", "#00693e", "#1f4e79", "#ffcc00", "#ffffff"}) {
      String text = BrandColours.readableTextOn(colour);
      assertTrue(BrandColours.contrast(colour, text) >= 4.5, colour + " with " + text);
    }
    assertEquals("#ffffff", BrandColours.readableTextOn("#005a87"));
    assertEquals("#1e1e1e", BrandColours.readableTextOn("#ffcc00"));
    assertTrue(!BrandColours.allowsReadableText("#777777"), "mid grey allows neither white nor dark text");
  }
}
