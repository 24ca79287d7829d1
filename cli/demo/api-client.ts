/** The demo's HTTP client: the engine's API with a bearer token per role, problems as values. */
export interface Answer<T> {
  status: number;
  body: T;
}

export class ApiClient {
  constructor(
    readonly base: string,
    private readonly tokens: { reception: string; officer: string },
  ) {}

  async call<T>(method: string, path: string, o: { as?: 'reception' | 'officer' | 'citizen'; body?: unknown; citizenToken?: string } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (o.as === 'reception' || o.as === 'officer') headers.authorization = `Bearer ${this.tokens[o.as]}`;
    if (o.citizenToken) headers['x-dossier-token'] = o.citizenToken;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}
