// Helpers shared by the page scripts. Everything from the database is put into the page as text
// (textContent), never as HTML, and only http(s) URLs become links.
"use strict";
window.sitrep = window.sitrep || {};

sitrep.el = function (tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of [].concat(children || [])) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
};

sitrep.safeUrl = function (url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (e) {
    return null;
  }
};

sitrep.path = function (...parts) {
  return "/" + parts.map(encodeURIComponent).join("/");
};

sitrep.query = function (params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && String(value).trim() !== "") q.set(key, value);
  }
  return q.toString();
};

sitrep.getJSON = async function (url) {
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  if (!response.ok) throw new Error(url + ": " + response.status);
  return response.json();
};

// ACLED event types -> colours: of the map's markers, clusters and legend alike (sitrep.typeColour)
sitrep.typeColours = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
sitrep.otherTypeColour = "#4d4d4d";
sitrep.typeColour = type => sitrep.typeColours[type] || sitrep.otherTypeColour;
sitrep.palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
