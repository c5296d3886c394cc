#!/usr/bin/env node
"use strict"; with (o) {} delete x; 010