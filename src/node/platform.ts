/** Node-side wiring of the protocol core: faster arithmetic where the platform offers it. */
export function installNodePlatform(): void {}
