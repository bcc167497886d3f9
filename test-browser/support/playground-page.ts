import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** What the playground (and Teams) show instead of a card they cannot draw. */
export const RENDER_FAILURE = /could not be rendered|Adaptive Card (parse|render) error|Render error\. Please check/i;
/** Playground notes about features it does not emulate; full-width cards draw at normal width. */
const UNSUPPORTED = /([^.\n]*) is not supported yet in Microsoft 365 Agents playground/g;

/**
 * The Agents Playground's web page, driven as a person would: type in the compose box, press
 * Send, pick the bot from the @mention list in a channel, click buttons on cards.
 * Selectors are the page's roles and labels, plus the Adaptive Cards renderer's `.ac-adaptiveCard`.
 */
export class PlaygroundPage {
  /** Console warnings from the card renderer ("Failed to render Adaptive Cards"). */
  readonly renderWarnings: string[] = [];

  constructor(
    readonly page: Page,
    private readonly screenshotsDir: string,
  ) {
    page.on('console', (m) => {
      if (/Failed to render Adaptive Card/i.test(m.text())) this.renderWarnings.push(m.text());
    });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.compose().waitFor();
  }

  compose(): Locator {
    return this.page.locator('[data-lexical-editor="true"]').last();
  }

  cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** The newest card whose text matches. */
  card(text: RegExp): Locator {
    return this.cards().filter({ hasText: text }).last();
  }

  async waitForCard(text: RegExp, timeout = 20_000): Promise<Locator> {
    const card = this.card(text);
    await card.waitFor({ state: 'visible', timeout });
    return card;
  }

  /** Types a message in the personal (or group) chat and sends it. */
  async send(text: string): Promise<void> {
    const box = this.compose();
    await box.click();
    await box.fill(text);
    await this.page.getByRole('button', { name: 'Send Message' }).click();
  }

  /** Sends and resolves with the first new card the bot answers with. */
  async ask(text: string, timeout = 20_000): Promise<Locator> {
    const before = await this.cards().count();
    await this.send(text);
    const answer = this.cards().nth(before);
    await answer.waitFor({ state: 'visible', timeout });
    // The bot may send more than one message for a command; let them arrive.
    await this.page.waitForTimeout(500);
    return answer;
  }

  async openChannel(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name: new RegExp(`- ${name}$`) }).click();
    await this.page.getByRole('button', { name: 'Post' }).waitFor();
  }

  /** A new channel post that @mentions the bot, as Teams requires for a bot to hear it. */
  async postMentioning(botName: string, text: string): Promise<void> {
    const box = this.compose();
    await box.click();
    await this.page.keyboard.type(`@${botName.split(' ')[0]}`);
    await this.page.getByRole('menuitem', { name: botName }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post' }).click();
  }

  /** The page's text as a reader sees it (for a failure's message). */
  async pageText(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** Fails when any card on the page was not drawn; returns the playground's "not supported" notes. */
  async assertCardsRendered(): Promise<string[]> {
    const text = await this.page.locator('body').innerText();
    const failure = RENDER_FAILURE.exec(text);
    if (failure) throw new Error(`a card was not rendered: "${failure[0]}"`);
    if (this.renderWarnings.length > 0) throw new Error(`the card renderer failed: ${this.renderWarnings.join('; ')}`);
    const notes = [...text.matchAll(UNSUPPORTED)].map((m) => m[1]!.replace(/^.*Warning:\s*/, '').trim());
    return [...new Set(notes)];
  }

  /**
   * A screenshot of the whole page with `target` in view. The viewport grows to fit a tall card
   * (the check-in card is longer than a screen), then goes back.
   */
  async screenshot(name: string, target?: Locator): Promise<string> {
    mkdirSync(this.screenshotsDir, { recursive: true });
    const path = join(this.screenshotsDir, `${name}.png`);
    const original = this.page.viewportSize()!;
    if (target) {
      const box = await target.boundingBox();
      if (box && box.height + 240 > original.height) await this.page.setViewportSize({ width: original.width, height: Math.ceil(box.height + 240) });
      await target.scrollIntoViewIfNeeded();
      await this.page.waitForTimeout(300);
    }
    await this.page.screenshot({ path });
    await this.page.setViewportSize(original);
    return path;
  }
}
