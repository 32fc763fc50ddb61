/**
 * The `Authorization` value of HTTP Basic for a user and password (an API key's id and secret),
 * UTF-8 encoded as RFC 7617 recommends.
 *
 * @example
 * basicCredentials('ABCDEFGH123456789', 'XNCIW93I2L1SQPJS') // 'Basic QUJDREVGR0gxMjM0NTY3ODk6WE5DSVc5M0kyTDFTUVBKUw=='
 */
export function basicCredentials(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}
