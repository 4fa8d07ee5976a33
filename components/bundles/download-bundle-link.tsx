// "Download evidence bundle": a plain link to a bundle route (a streamed ZIP the browser saves under its filing name).
import { buttonClass } from "@/components/ui/button";

export function DownloadBundleLink({ href }: { href: string }) {
  return (
    <a className={buttonClass("secondary")} href={href} download data-testid="download-bundle">
      Download evidence bundle
    </a>
  );
}
