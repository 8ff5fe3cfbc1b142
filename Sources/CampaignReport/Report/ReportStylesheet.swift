/// The report's CSS: A4 portrait with page numbers for print (WeasyPrint follows `@page`), one readable column on
/// screen. One sans-serif family (Noto Sans CJK, as the charts): a serif body as well took WeasyPrint a third longer,
/// since each CJK face it embeds must be subset.
enum ReportStylesheet {
    static let css = """
        @page {
          size: A4 portrait;
          margin: 18mm 16mm 20mm 16mm;
          @bottom-center {
            content: "创先争优活动简报 · 第 " counter(page) " 页 / 共 " counter(pages) " 页";
            font-size: 8.5pt;
            color: #666;
          }
        }
        html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
               font-size: 10.5pt; line-height: 1.6; color: #1a1a1a; }
        body { margin: 0; }
        @media screen { body { max-width: 178mm; margin: 12mm auto; padding: 0 6mm; } }
        header.masthead { border-bottom: 3px solid #a4161a; padding-bottom: 4mm; margin-bottom: 5mm; text-align: center; }
        header.masthead p { text-align: center; }
        .kicker { color: #a4161a; font-size: 11pt; margin: 0; }
        h1 { font-size: 24pt; margin: 2mm 0 1mm; color: #a4161a; }
        .meta { margin: 0; color: #444; font-size: 10pt; }
        h2 { font-size: 15pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1px solid #a4161a;
             break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 12pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
        p { margin: 1.5mm 0; text-align: justify; }
        .figures { display: flex; flex-wrap: wrap; gap: 2mm; margin: 0; padding: 0; list-style: none; }
        .figures li { flex: 1 1 30%; border: 1px solid #e2c4c4; background: #fbf5f5; padding: 2mm 3mm; }
        .figures b { display: block; font-size: 16pt; color: #a4161a; line-height: 1.2; }
        .figures span { font-size: 9pt; color: #444; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9.5pt; line-height: 1.45; }
        th, td { border: 1px solid #bbb; padding: 1mm 1.8mm; vertical-align: top; text-align: left;
                 overflow-wrap: anywhere; word-break: break-word; }
        table.fixed { table-layout: fixed; }
        th { background: #f1e4e4; font-weight: bold; }
        td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        table.pledges tr, table.benchmarks tr { break-inside: auto; page-break-inside: auto; }
        tfoot td, tr.total td { font-weight: bold; background: #faf6f6; }
        figure { margin: 3mm auto 4mm; text-align: center; break-inside: avoid; page-break-inside: avoid; }
        figure svg, figure img.chart { width: 138mm; max-width: 100%; height: auto; }
        figcaption { font-size: 9pt; color: #555; }
        article.phase { border-left: 3px solid #e0b4b4; padding: 0.5mm 0 0.5mm 3mm; margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
        article.phase ul { margin: 1mm 0; padding-left: 5mm; }
        .status { font-size: 9pt; font-weight: normal; color: #fff; background: #777; padding: 0.2mm 1.5mm; margin-left: 2mm; }
        .status.current { background: #a4161a; }
        .status.ended { background: #555; }
        .status.upcoming { background: #999; }
        .muted { color: #666; font-size: 9.5pt; }
        .gallery { display: flex; flex-wrap: wrap; gap: 4mm; }
        .gallery figure { flex: 0 1 48%; margin: 0; }
        .gallery img { width: 100%; height: auto; border: 1px solid #ccc; }
        footer { margin-top: 8mm; border-top: 1px solid #ccc; padding-top: 2mm; font-size: 8.5pt; color: #666; }
        """
}
