#!/usr/bin/env node
import '../dist/scrutin-tool.mjs';
