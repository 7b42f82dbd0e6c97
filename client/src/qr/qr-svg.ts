// A QR code as an SVG string. Low error correction packs the most into a code
// on a screen; medium survives a crease or a smudge on paper.
import qrcode from "qrcode-generator";

export function qrSvg(text: string, correction: "L" | "M" = "L"): string {
  const qr = qrcode(0, correction);
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}
