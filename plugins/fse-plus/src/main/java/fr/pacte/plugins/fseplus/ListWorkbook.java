package fr.pacte.plugins.fseplus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A list as an XLSX workbook: a bold header line, amounts shown in euros as numbers formatted as euros. */
final class ListWorkbook {

  private static final java.util.regex.Pattern EUROS =
      java.util.regex.Pattern.compile("-?[0-9]{1,3}([ \u00a0\u202f][0-9]{3})*(,[0-9]{1,2})?[ \u00a0\u202f]?€");

  private ListWorkbook() {
  }

  static byte[] of(String caption, List<ListView.Column> columns, List<ListView.Line> rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(caption.length() > 31 ? caption.substring(0, 31) : caption);
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      Row header = sheet.createRow(0);
      for (int c = 0; c < columns.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(columns.get(c).label());
        cell.setCellStyle(bold);
      }
      CellStyle euros = workbook.createCellStyle();
      euros.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00 \"€\""));
      int r = 1;
      for (ListView.Line line : rows) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          String text = line.cells().getOrDefault(columns.get(c).key(), "");
          Cell cell = row.createCell(c);
          if (columns.get(c).numeric() && text.matches("-?\\d+")) {
            cell.setCellValue(Long.parseLong(text));
          } else if (columns.get(c).numeric() && EUROS.matcher(text).matches()) {
            // An amount shown in euros ("46 666,66 €") is a number in the workbook, formatted as euros.
            cell.setCellValue(new java.math.BigDecimal(text.replaceAll("[\\s\u00a0\u202f€]", "").replace(',', '.'))
                .doubleValue());
            cell.setCellStyle(euros);
          } else {
            cell.setCellValue(text);
          }
        }
      }
      for (int c = 0; c < columns.size(); c++) {
        sheet.setColumnWidth(c, Math.min(60, Math.max(10, columns.get(c).label().length() + 4)) * 256);
      }
      sheet.createFreezePane(0, 1);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
