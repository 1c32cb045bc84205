package fr.pacte.plugins.fseplus;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import fr.pacte.api.ConventionView;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The execution report (bilan d'exécution) of an operation for one year, as PDF (OpenPDF): the operation, the conventions
 * it co-funds, the financing plan with the FSE+ amount, the participants of the year with the completeness of their
 * data, and the common indicators of the year by gender.
 */
final class ExecutionReport {

  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
  private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
  private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);

  private ExecutionReport() {
  }

  static byte[] pdf(Operations.Detail detail, List<Participant> participants, List<RealisedCosts> realised, int year) {
    Operation o = detail.operation();
    List<Participant> ofYear = participants.stream().filter(p -> p.entryDate().getYear() <= year
        && (p.exitDate() == null || p.exitDate().getYear() >= year)).toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 50, 50, 50, 50);
    try {
      PdfWriter.getInstance(document, bytes);
      document.addTitle("Bilan d'exécution " + year + " — " + o.title());
      document.open();
      document.add(new Paragraph("Bilan d'exécution " + year, TITLE));
      document.add(new Paragraph(o.title(), HEADING));
      document.add(fields(List.of(
          List.of("Programme", o.programme()),
          List.of("Priorité", o.priority()),
          List.of("Objectif spécifique", o.specificObjective()),
          List.of("Période", "du " + FrenchDates.day(o.periodStart()) + " au " + FrenchDates.day(o.periodEnd())),
          List.of("Bénéficiaire", Operation.BENEFICIARIES.get(o.beneficiaryKind()) + " : " + o.beneficiaryName()),
          List.of("Étape", o.status().label))));
      document.add(new Paragraph("Conventions cofinancées", HEADING));
      for (ConventionView c : detail.conventions()) {
        document.add(new Paragraph(c.reference() + " — " + c.title() + " (" + c.organisationName() + ")", BODY));
      }
      FinancingPlan plan = o.plan();
      document.add(new Paragraph("Plan de financement (" + plan.option().label + ")", HEADING));
      document.add(fields(List.of(
          List.of("Frais de personnel directs", Money.euros(plan.staffCents())),
          List.of("Autres coûts directs", Money.euros(plan.otherDirectCents())),
          List.of("Coûts indirects", Money.euros(plan.computedIndirectCents())),
          List.of("Autres coûts au taux forfaitaire", Money.euros(plan.remainingCents())),
          List.of("Total des dépenses éligibles", Money.euros(plan.totalCents())),
          List.of("FSE+", Money.euros(plan.fseCents())),
          List.of("Département", Money.euros(plan.departementCents())),
          List.of("État", Money.euros(plan.etatCents())),
          List.of("Autres financements publics", Money.euros(plan.otherPublicCents())),
          List.of("Financements privés", Money.euros(plan.privateCents())))));
      document.add(new Paragraph("Dépenses réalisées au regard du plan", HEADING));
      document.add(realisedTable(plan, realised, year));
      long complete = ofYear.stream().filter(Participant::entryComplete).count();
      document.add(new Paragraph("Participants en " + year, HEADING));
      document.add(new Paragraph(ofYear.size() + " participant(s) suivis dans l'année, données d'entrée complètes pour "
          + complete + ".", BODY));
      document.add(new Paragraph("Indicateurs communs " + year, HEADING));
      PdfPTable table = new PdfPTable(new float[] {5f, 1f, 1f, 1f, 1f});
      table.setWidthPercentage(100);
      for (String header : List.of("Indicateur", "Femmes", "Hommes", "Non binaires", "Total")) {
        table.addCell(new PdfPCell(new Phrase(header, BOLD)));
      }
      for (Indicators.Line line : Indicators.compute(participants)) {
        if (line.year() != year) {
          continue;
        }
        table.addCell(new PdfPCell(new Phrase(line.code() + " — " + line.label(), BODY)));
        for (int value : new int[] {line.women(), line.men(), line.nonBinary(), line.total()}) {
          PdfPCell cell = new PdfPCell(new Phrase(String.valueOf(value), BODY));
          cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
          table.addCell(cell);
        }
      }
      document.add(table);
    } catch (DocumentException e) {
      throw new IllegalStateException("the execution report could not be written", e);
    } finally {
      document.close();
    }
    return bytes.toByteArray();
  }

  /** Each category: planned (whole operation), realised in the year, realised up to the end of the year. */
  private static PdfPTable realisedTable(FinancingPlan plan, List<RealisedCosts> realised, int year)
      throws DocumentException {
    FinancingPlan ofYear = realised.stream().filter(r -> r.year() == year).findFirst()
        .map(r -> r.under(plan)).orElse(new RealisedCosts(year, 0, 0, 0, 0, 0, 0).under(plan));
    FinancingPlan cumulated = new RealisedCosts(year,
        realised.stream().filter(r -> r.year() <= year).mapToLong(RealisedCosts::staffCents).sum(),
        realised.stream().filter(r -> r.year() <= year).mapToLong(RealisedCosts::otherDirectCents).sum(),
        realised.stream().filter(r -> r.year() <= year).mapToLong(RealisedCosts::indirectCents).sum(),
        realised.stream().filter(r -> r.year() <= year).mapToInt(RealisedCosts::units).sum(),
        realised.stream().filter(r -> r.year() <= year).mapToLong(RealisedCosts::lumpSumCents).sum(), 0).under(plan);
    PdfPTable table = new PdfPTable(new float[] {3f, 2f, 2f, 2f});
    table.setWidthPercentage(100);
    table.setSpacingBefore(6);
    table.setSpacingAfter(6);
    for (String header : List.of("Catégorie", "Plan", "Réalisé " + year, "Réalisé cumulé")) {
      table.addCell(new PdfPCell(new Phrase(header, BOLD)));
    }
    FinancingPlan[] columns = {plan, ofYear, cumulated};
    money(table, "Frais de personnel directs", columns, FinancingPlan::staffCents);
    money(table, "Autres coûts directs", columns, FinancingPlan::otherDirectCents);
    money(table, "Coûts indirects", columns, FinancingPlan::computedIndirectCents);
    money(table, "Autres coûts au taux forfaitaire", columns, FinancingPlan::remainingCents);
    money(table, "Total des dépenses éligibles", columns, FinancingPlan::totalCents);
    money(table, "FSE+ correspondant", columns, FinancingPlan::fseCents);
    return table;
  }

  private static void money(PdfPTable table, String label, FinancingPlan[] columns,
                            java.util.function.ToLongFunction<FinancingPlan> amount) {
    table.addCell(new PdfPCell(new Phrase(label, BODY)));
    for (FinancingPlan column : columns) {
      PdfPCell cell = new PdfPCell(new Phrase(Money.euros(amount.applyAsLong(column)), BODY));
      cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
      table.addCell(cell);
    }
  }

  private static PdfPTable fields(List<List<String>> rows) throws DocumentException {
    PdfPTable table = new PdfPTable(new float[] {2f, 3f});
    table.setWidthPercentage(100);
    table.setSpacingBefore(6);
    table.setSpacingAfter(6);
    for (List<String> row : rows) {
      table.addCell(new PdfPCell(new Phrase(row.get(0), BOLD)));
      table.addCell(new PdfPCell(new Phrase(row.get(1), BODY)));
    }
    return table;
  }
}
