import type { Page } from 'playwright-core';

export interface AxNode {
  role: string;
  name: string;
  description: string;
}

/**
 * The accessibility tree as Chromium computes it (DevTools protocol): each node's role, name and
 * description, which is what a screen reader announces.
 */
export async function accessibleNodes(page: Page, role?: string): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string }; description?: { value?: string } }[] };
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? ''), description: String(n.description?.value ?? '') }))
      .filter((n) => role === undefined || n.role === role);
  } finally {
    await cdp.detach();
  }
}
