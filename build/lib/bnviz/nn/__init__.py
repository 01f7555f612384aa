"""The networks and layers the experiments train: `cnns` (the site's small
CNNs), `paper_nets` (the reproduced papers' networks), `layers` (normalization
layers Keras lacks or the talk wrote by hand), `style_transfer` (the image
transformation network and its losses), `init` (seeded initial weights)."""
