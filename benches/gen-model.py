#!/usr/bin/env python3
"""Writes a generated demarcate model with LAYERS layers and SERVICES services to stdout:
two parties split the layers, every tenth layer has items, and each service moves the line
on two layers (one shared). Usage: gen-model.py LAYERS SERVICES"""
import sys

layers, services = int(sys.argv[1]), int(sys.argv[2])
out = [
    "id: generated",
    f"title: A generated model of {services} services by {layers} layers",
    "parties:",
    "  - {id: customer, label: Customer, tagline: Responsible for security in the cloud}",
    "  - {id: provider, label: Provider, tagline: Responsible for security of the cloud}",
    "layers:",
]
for i in range(layers):
    owner = "customer" if i < layers // 2 else "provider"
    items = f", items: [Part A of layer {i}, Part B, Part C]" if i % 10 == 0 else ""
    out.append(f"  - {{id: l{i}, label: Layer number {i} of the stack, owner: {owner}{items}}}")
if services:
    out.append("services:")
for j in range(services):
    a, b = (j % max(1, layers // 2)) + layers // 4, (j * 7) % layers
    owners = f"l{a}: [customer, provider]" if a == b else f"l{a}: [customer, provider], l{b}: provider"
    out.append(f"  - {{id: s{j}, label: Service number {j}, category: Category {j % 7}, owners: {{{owners}}}}}")
print("\n".join(out))
