/**
 * Adding real hosts from the console, in Debian's Chromium against browser mode and real sshd's:
 * the demo gives way to the first real host; an unknown host key is shown with the fingerprint
 * ssh-keygen prints and connects only after the operator trusts it; an encrypted key's passphrase
 * is asked in a dialog (again after a wrong one); removing the last host brings the demo back.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsoleSetup } from "../../core/app/console-setup.ts";
import { hostBlock } from "../integration/harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../integration/harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../integration/harness/test-home.ts";
import { executable, isRoot, missingPrerequisites } from "../support/prerequisites.ts";
import { openBrowserConsole, type BrowserConsole } from "./support/browser-console.ts";
import { CHROMIUM } from "./support/launch-chromium.ts";
import { RESULTS_DIR } from "./support/renderer-build.ts";

const WAIT = { timeout: 30_000 };
const PASSPHRASE = "s3cret passphrase";
const skipReason = missingPrerequisites(
  isRoot,
  executable(CHROMIUM, "chromium"),
  executable("/usr/sbin/sshd", "openssh-server"),
);

describe.skipIf(skipReason)("adding hosts in the console (Chromium, real sshd)", () => {
  let home: TestHome | undefined;
  let fresh: SshdServer | undefined;
  let locked: SshdServer | undefined;
  let opened: BrowserConsole | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    home = await createTestHome();
    fresh = await startSshd({ address: "127.0.0.31" });
    locked = await startSshd({ address: "127.0.0.32" });
    const encrypted = await home.generateKey("id_locked", { passphrase: PASSPHRASE });
    await fresh.authorize("root", home.clientKey.publicKey);
    await locked.authorize("root", encrypted.publicKey);
    await home.writeSshConfig(
      hostBlock("fresh", fresh) +
        hostBlock("locked", locked, { identityFile: "~/.ssh/id_locked", extra: ["IdentitiesOnly yes"] }),
    );
    await home.writeKnownHosts(`${locked.knownHostsLine()}\n`);

    opened = await openBrowserConsole((events) => {
      const { setup, audit } = createConsoleSetup({ events, intervalSeconds: 1, home: home!.home, env: {} });
      return { hosts: [], setup, audit, demoIntervalSeconds: 1 };
    });
    ({ page, pageErrors } = opened);
    page.on("dialog", (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
    for (const sshd of [fresh, locked]) await sshd?.dispose();
    await home?.dispose();
  });

  const hostState = (hostId: string) =>
    page.locator(`[data-testid="host-item"][data-host-id="${hostId}"] [data-testid="host-state"]`);

  async function addHost(alias: string): Promise<void> {
    await page.locator('[data-testid="add-host-alias"]').fill(alias);
    await page.locator('[data-testid="add-host-submit"]').click();
    await page.locator(`[data-testid="host-item"][data-host-id="${alias}"]`).waitFor(WAIT);
  }

  it("replaces the demo with the first real host and shows its unknown key's fingerprint until trusted", async () => {
    await page.locator('[data-testid="demo-banner"]').waitFor(WAIT);
    await addHost("fresh");
    await page.locator('[data-testid="demo-banner"]').waitFor({ state: "detached", ...WAIT });
    expect(await page.locator('[data-testid="host-item"]').count()).toBe(1);

    const advice = page.locator('[data-testid="connection-advice"][data-kind="trust-key"]');
    await advice.waitFor(WAIT);
    expect(await advice.locator('[data-testid="hostkey-fingerprint"]').textContent()).toBe(
      await fresh!.hostKeyFingerprint(),
    );
    expect(fresh!.log()).not.toContain("Accepted publickey");
    await page.screenshot({ path: `${RESULTS_DIR}/host-setup-unknown-key.png` });

    await advice.locator('[data-testid="trust-hostkey"]').click();
    await hostState("fresh").filter({ hasText: "Connected" }).waitFor(WAIT);
    await page
      .locator('[data-testid="host-view"][data-host-id="fresh"] [data-testid="snapshot"]')
      .waitFor(WAIT);
    await advice.waitFor({ state: "detached", ...WAIT });
  });

  it("asks for an encrypted key's passphrase in a dialog, again after a wrong one, and connects", async () => {
    await addHost("locked");
    const dialog = page.locator('[data-testid="credential-dialog"][data-host-id="locked"]');
    await dialog.waitFor(WAIT);
    expect(await dialog.locator('[data-testid="credential-key-file"]').textContent()).toMatch(/id_locked$/);
    await dialog.locator('[data-testid="credential-secret"]').fill("not it");
    await dialog.locator('[data-testid="credential-submit"]').click();
    await dialog.locator('[data-testid="credential-retry"]').waitFor(WAIT);
    await page.screenshot({ path: `${RESULTS_DIR}/host-setup-passphrase.png` });
    // The field is empty again: the wrong passphrase is not kept.
    expect(await dialog.locator('[data-testid="credential-secret"]').inputValue()).toBe("");
    await dialog.locator('[data-testid="credential-secret"]').fill(PASSPHRASE);
    await dialog.locator('[data-testid="credential-submit"]').click();
    await dialog.waitFor({ state: "detached", ...WAIT });
    await hostState("locked").filter({ hasText: "Connected" }).waitFor(WAIT);
    expect(locked!.log()).toContain("Accepted publickey");
  });

  it("brings the demo back when the last real host is removed", async () => {
    for (const hostId of ["fresh", "locked"]) {
      await page.locator(`[data-testid="host-item"][data-host-id="${hostId}"]`).click();
      await page
        .locator(`[data-testid="host-view"][data-host-id="${hostId}"] [data-testid="remove-host"]`)
        .click();
      await page
        .locator(`[data-testid="host-item"][data-host-id="${hostId}"]`)
        .waitFor({ state: "detached", ...WAIT });
    }
    await page.locator('[data-testid="demo-banner"]').waitFor(WAIT);
    await page.locator('[data-testid="host-item"][data-host-id="demo-nat-1"]').waitFor(WAIT);
    await page.screenshot({ path: `${RESULTS_DIR}/host-setup-demo-back.png` });
    expect(pageErrors).toEqual([]);
  });
});
