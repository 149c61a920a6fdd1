#!/usr/bin/env node
/** Entry point of the `scrutin-tool` binary. */
import { installNodePlatform } from '../node/platform.js';
import { main } from './scrutin-tool/main.js';

installNodePlatform();
process.exitCode = await main(process.argv.slice(2));
