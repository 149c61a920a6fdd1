#!/usr/bin/env node
import '../dist/cli/scrutin-tool.js';
