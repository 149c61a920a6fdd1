/** Node-side wiring of the protocol core: faster arithmetic where the platform offers it. */
import { installNodeEngine } from './modexp-engine.js';

/** Modular exponentiations of the core go through OpenSSL (node:crypto) instead of portable BigInt. */
export function installNodePlatform(): void {
  installNodeEngine();
}
