#!/usr/bin/env node
import '../dist/scrutin.mjs';
