package fr.pacte.server.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SnakeYAML's problems (in English) said in French for the people who write the files: the common kinds of mistake
 * (a bracket or quote left open, a missing colon, a tab, a misaligned line, a key given twice), the rest quoted.
 */
final class YamlProblems {

  private record Kind(Pattern problem, String french) {
  }

  private static final List<Kind> KINDS = List.of(
      new Kind(Pattern.compile("expected ',' or ']'.*", Pattern.DOTALL),
          "il manque une virgule ou un crochet fermant « ] » dans la liste entre crochets"),
      new Kind(Pattern.compile("expected ',' or '}'.*", Pattern.DOTALL),
          "il manque une virgule ou une accolade fermante « } » dans la liste entre accolades"),
      new Kind(Pattern.compile("mapping values are not allowed here.*", Pattern.DOTALL),
          "un deux-points « : » est inattendu ici (une valeur qui contient « : » doit être entre guillemets, ou la ligne est mal indentée)"),
      new Kind(Pattern.compile("could not find expected ':'.*", Pattern.DOTALL),
          "il manque le deux-points « : » après une clé (ou le texte est coupé)"),
      new Kind(Pattern.compile("found character '(?:\\\\t|\\t).*", Pattern.DOTALL),
          "une tabulation sert d'indentation : indentez avec des espaces"),
      new Kind(Pattern.compile("found unexpected end of stream.*", Pattern.DOTALL),
          "le texte s'arrête avant la fin : un guillemet, un crochet ou une accolade n'est pas refermé"),
      new Kind(Pattern.compile("found duplicate key (.*)", Pattern.DOTALL), "la clé « $1 » apparaît deux fois"),
      new Kind(Pattern.compile("found undefined alias (.*)", Pattern.DOTALL), "l'alias « *$1 » ne renvoie à aucune ancre"),
      new Kind(Pattern.compile("expected <block end>, but found '?-'?.*", Pattern.DOTALL),
          "un élément de liste « - » est mal aligné avec les lignes précédentes"),
      new Kind(Pattern.compile("expected <block end>, but found.*", Pattern.DOTALL),
          "cette ligne n'est pas alignée avec les précédentes (indentation)"),
      new Kind(Pattern.compile("did not find expected key.*", Pattern.DOTALL),
          "une clé était attendue : vérifiez l'indentation de cette ligne"),
      new Kind(Pattern.compile("did not find expected '-' indicator.*", Pattern.DOTALL),
          "un élément de liste « - » était attendu : vérifiez l'indentation de cette ligne"),
      new Kind(Pattern.compile("found character '(.)' that cannot start any token.*", Pattern.DOTALL),
          "le caractère « $1 » ne peut pas commencer une valeur : mettez la valeur entre guillemets"),
      new Kind(Pattern.compile("found unknown escape character (.*)", Pattern.DOTALL),
          "séquence d'échappement inconnue $1 entre guillemets doubles (doublez la barre oblique inverse)"),
      new Kind(Pattern.compile("expected alphabetic or numeric character.*", Pattern.DOTALL),
          "un nom d'ancre ou d'alias (après « & » ou « * ») était attendu"),
      new Kind(Pattern.compile("expected <document start>.*", Pattern.DOTALL),
          "du texte suit la fin du document : vérifiez l'indentation"));

  private YamlProblems() {
  }

  /** The French for a problem ({@code context} says while reading what, e.g. "while scanning a quoted scalar"). */
  static String french(String context, String problem) {
    String text = problem == null ? "" : problem.strip();
    for (Kind kind : KINDS) {
      Matcher matcher = kind.problem().matcher(text);
      if (matcher.matches()) {
        String french = matcher.groupCount() > 0 ? kind.french().replace("$1", matcher.group(1).strip()) : kind.french();
        return french + where(context);
      }
    }
    return "erreur de syntaxe (« " + text + " »)" + where(context);
  }

  private static String where(String context) {
    if (context == null) {
      return "";
    }
    if (context.contains("quoted scalar")) {
      return " — en lisant un texte entre guillemets";
    }
    if (context.contains("flow sequence")) {
      return " — en lisant une liste entre crochets";
    }
    if (context.contains("flow mapping")) {
      return " — en lisant une liste entre accolades";
    }
    if (context.contains("block mapping")) {
      return " — en lisant une suite de clés";
    }
    if (context.contains("simple key")) {
      return " — en lisant une clé";
    }
    return "";
  }
}
