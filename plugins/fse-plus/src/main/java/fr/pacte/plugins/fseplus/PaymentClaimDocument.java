package fr.pacte.plugins.fseplus;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
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

/** A payment claim of FSE+ as PDF (OpenPDF): the operation, and how the amount claimed stands against what was due. */
final class PaymentClaimDocument {

  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
  private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
  private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);

  private PaymentClaimDocument() {
  }

  static byte[] pdf(Operations.Detail detail, PaymentClaim claim) {
    Operation o = detail.operation();
    FinancingPlan plan = o.plan();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 50, 50, 50, 50);
    try {
      PdfWriter.getInstance(document, bytes);
      document.addTitle("Demande de paiement FSE+ — " + o.title());
      document.open();
      document.add(new Paragraph("Demande de paiement FSE+ : " + claim.label(), TITLE));
      document.add(new Paragraph(o.title(), HEADING));
      document.add(rows(List.of(
          List.of("Programme", o.programme()),
          List.of("Bénéficiaire", Operation.BENEFICIARIES.get(o.beneficiaryKind()) + " : " + o.beneficiaryName()),
          List.of("Période", "du " + FrenchDates.day(o.periodStart()) + " au " + FrenchDates.day(o.periodEnd())),
          List.of("Date de la demande", FrenchDates.day(claim.claimedOn())))));
      for (ConventionView c : detail.conventions()) {
        document.add(new Paragraph("Convention " + c.reference() + " — " + c.title(), BODY));
      }
      document.add(new Paragraph("Montant demandé", HEADING));
      document.add(rows(List.of(
          List.of("Dépenses éligibles réalisées", Money.euros(claim.realisedTotalCents())),
          List.of("Taux de cofinancement FSE+", plan.fseRatePercent() == null ? ""
              : plan.fseRatePercent().stripTrailingZeros().toPlainString() + " %"),
          List.of("FSE+ programmé au plan", Money.euros(plan.fseCents())),
          List.of("FSE+ dû sur les dépenses réalisées", Money.euros(claim.fseDueCents())),
          List.of("Déjà demandé", Money.euros(claim.previouslyClaimedCents())),
          List.of("Montant demandable", Money.euros(Math.max(0, claim.fseDueCents() - claim.previouslyClaimedCents()))),
          List.of("Montant demandé", Money.euros(claim.amountCents())))));
    } catch (DocumentException e) {
      throw new IllegalStateException("the payment claim could not be written", e);
    } finally {
      document.close();
    }
    return bytes.toByteArray();
  }

  private static PdfPTable rows(List<List<String>> rows) throws DocumentException {
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
