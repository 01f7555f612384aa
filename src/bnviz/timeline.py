"""Where normalization sits in landmark CNNs: facts from the papers, with their references."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Landmark:
    year: int
    name: str
    normalization: str  # short label, also the colour group of the timeline figure
    detail: str  # what the paper does, in one line
    reference: str
    url: str


LANDMARKS = (
    Landmark(
        1998,
        "LeNet-5",
        "none",
        "no normalization layers; input pixels scaled so the background is about −0.1 and the "
        "foreground about 1.175, giving mean ≈ 0 and variance ≈ 1",
        "LeCun, Bottou, Bengio & Haffner 1998, Proc. IEEE 86(11)",
        "https://doi.org/10.1109/5.726791",
    ),
    Landmark(
        2012,
        "AlexNet",
        "LRN",
        "local response normalization across neighbouring channels after the ReLU of the first "
        "two convolutional layers",
        "Krizhevsky, Sutskever & Hinton 2012, NeurIPS",
        "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks",
    ),
    Landmark(
        2014,
        "VGG",
        "none",
        "no normalization in the final networks: the authors report that LRN did not improve "
        "accuracy and costs memory and time",
        "Simonyan & Zisserman 2014, arXiv:1409.1556",
        "https://arxiv.org/abs/1409.1556",
    ),
    Landmark(
        2015,
        "Inception-BN",
        "BN",
        "Batch Normalization on the input of every nonlinearity (after each convolution, before "
        "its ReLU); LRN and dropout removed",
        "Ioffe & Szegedy 2015, arXiv:1502.03167",
        "https://arxiv.org/abs/1502.03167",
    ),
    Landmark(
        2015,
        "ResNet",
        "BN",
        "Batch Normalization right after each convolution and before the activation, in every "
        "residual block",
        "He, Zhang, Ren & Sun 2015, arXiv:1512.03385",
        "https://arxiv.org/abs/1512.03385",
    ),
    Landmark(
        2021,
        "NFNet",
        "normalizer-free",
        "no normalization layers: scaled weight standardization and adaptive gradient clipping "
        "instead of BN",
        "Brock, De, Smith & Simonyan 2021, arXiv:2102.06171",
        "https://arxiv.org/abs/2102.06171",
    ),
    Landmark(
        2022,
        "ConvNeXt",
        "LN",
        "Layer Normalization instead of BN, and fewer normalization layers (one per block)",
        "Liu, Mao, Wu, Feichtenhofer, Darrell & Xie 2022, arXiv:2201.03545",
        "https://arxiv.org/abs/2201.03545",
    ),
)


def timeline_table() -> str:
    """The landmarks as a Markdown table with linked references."""
    rows = ["| year | network | normalization | reference |", "| --- | --- | --- | --- |"]
    for m in LANDMARKS:
        rows.append(f"| {m.year} | {m.name} | {m.detail} | [{m.reference}]({m.url}) |")
    return "\n".join(rows)
