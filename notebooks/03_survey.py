# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Enquête de satisfaction
#
# Taux de satisfaction par critère : chaque critère a son propre dénominateur (les répondants
# concernés qui ont répondu) ; « Non concerné » et les réponses vides en sortent.

# %% tags=["parameters"]
period = 2022  # int: the year presented at the CLU (PERIOD)
config_path = "config/prefecture.yaml"  # str: the préfecture's configuration, from the project root

# %%
import pandas as pd

from pipeline.config import load_questions
from pipeline.context import open_period
from pipeline.survey import respondents_by_year, satisfaction_by_criterion

ctx = open_period(period, config_path)
responses = pd.read_parquet(ctx.paths.table("survey_responses"))
rates = satisfaction_by_criterion(responses, load_questions(ctx.config), ctx.config.survey.target)
rates.to_parquet(ctx.paths.table("survey_rates"), index=False)
respondents_by_year(responses)

# %% [markdown]
# ## Taux de satisfaction par critère et par année

# %%
rates.pivot_table(index="label", columns="year", values="rate", aggfunc="first", sort=False)

# %% [markdown]
# ## Année présentée : effectifs et intervalle de confiance à 95 %

# %%
current = rates[rates["year"] == ctx.period]
current[["label", "n", "not_concerned", "blank", "satisfied", "rate", "ci_low", "ci_high", "small_sample"]]

# %%
import matplotlib.pyplot as plt
import seaborn as sns

sns.set_theme(style="whitegrid")
ax = sns.barplot(data=current, y="label", x="rate", color="#000091")
ax.axvline(ctx.config.survey.target, color="#E1000F", linestyle="--")
ax.set(xlabel="Taux de satisfaction", ylabel="", xlim=(0, 1))
plt.show()
