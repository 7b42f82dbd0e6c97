// Reads a QR code with the phone's camera (jsQR on video frames).
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import jsQR from "jsqr";

export function CameraReader({ onText, onStop }: { onText: (text: string) => void; onStop: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    const scan = () => {
      const v = video.current;
      if (v && context && v.readyState === v.HAVE_ENOUGH_DATA) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (found?.data) return onText(found.data);
      }
      frame = requestAnimationFrame(scan);
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: "environment" } })
      .then((s) => {
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        frame = requestAnimationFrame(scan);
      })
      .catch(() => onStop());
    return () => {
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onText, onStop]);
  return (
    <div>
      <video ref={video} muted playsInline aria-label={t("faceToFace.camera")} style={{ width: "100%" }} />
      <button onClick={onStop}>{t("faceToFace.stopCamera")}</button>
    </div>
  );
}
