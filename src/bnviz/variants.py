"""The variants' vocabulary: for every variant name an experiment trains, its label and colour.

The names come from where the variants are built (`bnviz.nn` builders and the experiments'
specs); this module only says how figures, claims and pages call and colour them, so a label or
colour change never stales a result. A test checks that every variant of every spec has both.
"""

from __future__ import annotations

# Okabe-Ito colours: distinguishable with colour-blindness, readable on white and on slate.
# "without BN" is always orange and "with BN" always blue; other variants get their own colour.
COLORS = {
    "none": "#E69F00",
    "batch": "#0072B2",
    "batch_pre": "#009E73",
    "dropout": "#CC79A7",
    "both": "#7F3C8D",
    "input": "#777777",
}
DARK_COLORS = {
    "none": "#F0B73A",
    "batch": "#56B4E9",
    "batch_pre": "#3DD6A3",
    "dropout": "#E59CC6",
    "both": "#C08FD8",
    "input": "#AAAAAA",
}
ALIASES = {  # variants that share a base colour (never shown in the same figure)
    "neither": "none",
    "bn_trainable": "batch",
    "bn_frozen": "dropout",
    "train_mode": "batch",
    "inference_mode": "batch_pre",
    "layer": "batch_pre",
    "instance": "dropout",
    "group": "both",
    "weight": "input",
    "batch_test_stats": "batch_pre",
    "noisy_batch": "dropout",
    "precise_mode": "none",
    "batch_fused": "batch_pre",
    "batch_folded": "dropout",
    "batch_onepass": "both",
    "affine": "input",
    "batch_higher_lr": "batch_pre",
    "residual": "batch_pre",
}
for alias, base in ALIASES.items():
    COLORS[alias], DARK_COLORS[alias] = COLORS[base], DARK_COLORS[base]
LABELS = {
    "none": "without BN",
    "batch": "with BN",
    "batch_pre": "BN before ReLU",
    "neither": "neither",
    "dropout": "dropout only",
    "both": "BN + dropout",
    "bn_frozen": "BN frozen (trainable=False)",
    "bn_trainable": "BN trainable",
    "layer": "Layer Norm",
    "instance": "Instance Norm",
    "group": "Group Norm",
    "weight": "Weight Norm",
    "batch_test_stats": "BN, test-batch statistics",
    "noisy_batch": "noisy BN",
    "precise_mode": "inference mode, re-estimated statistics",
    "batch_fused": "BN, fused kernel",
    "batch_folded": "BN folded",
    "batch_onepass": "BN, one-pass statistics",
    "affine": "scale and shift only",
    "batch_higher_lr": "with BN, 5× learning rate",
    "residual": "without BN, residual (SkipInit)",
}
# How a BN variant evaluated with re-estimated statistics (precise BN) is labelled
PRECISE_SUFFIX = ", re-estimated statistics"
# The labels of Santurkar et al.'s figures (standard / + BatchNorm / + noisy BatchNorm)
SANTURKAR_LABELS = {"none": "standard", "batch": "+ BatchNorm", "noisy_batch": "+ noisy BatchNorm"}
