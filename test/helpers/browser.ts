// Debian's Chromium, as the browser tests drive it: headless, and kept off the network it cannot reach
// here (without --disable-background-networking it keeps trying, and failing, to call home).
import { type Browser, chromium, type Page } from "playwright-core";

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });

/** Clicks and waits for the page the click loads. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.click(selector)]);
}
