#!/usr/bin/env node
import '../dist/cli/scrutin.js';
